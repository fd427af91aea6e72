CREATE TABLE `plan_activity_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`event` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_activity_events_plan_idx` ON `plan_activity_events` (`plan_id`,`id`);--> statement-breakpoint
CREATE TABLE `plan_snapshots` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`upto_seq` integer NOT NULL,
	`state` blob NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `plan_updates` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` text NOT NULL,
	`update` blob NOT NULL,
	`actor` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_updates_plan_idx` ON `plan_updates` (`plan_id`,`seq`);--> statement-breakpoint
CREATE TABLE `plan_versions` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`label` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`state` blob NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_versions_plan_idx` ON `plan_versions` (`plan_id`,`id`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`period` text NOT NULL,
	`title` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`archived_at` text,
	`archived_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plans_org_idx` ON `plans` (`org_id`,`id`);--> statement-breakpoint
CREATE INDEX `plans_period_idx` ON `plans` (`period`);