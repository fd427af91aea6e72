CREATE TABLE `intel_deliveries` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`publication_id` text NOT NULL,
	`package_id` text NOT NULL,
	`recipient_org_id` text NOT NULL,
	`via` text,
	`encrypted` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` text NOT NULL,
	`fetched_at` text,
	`receipt_at` text,
	`receipt` text,
	FOREIGN KEY (`publication_id`) REFERENCES `intel_publications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intel_deliveries_id_unique` ON `intel_deliveries` (`id`);--> statement-breakpoint
CREATE INDEX `intel_deliveries_inbox_idx` ON `intel_deliveries` (`recipient_org_id`,`seq`);--> statement-breakpoint
CREATE INDEX `intel_deliveries_publication_idx` ON `intel_deliveries` (`publication_id`);--> statement-breakpoint
CREATE TABLE `intel_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`author_org_id` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`tlp` text NOT NULL,
	`handling` text NOT NULL,
	`handling_note` text,
	`grades` text NOT NULL,
	`recipients` text NOT NULL,
	`expansions` text NOT NULL,
	`content` text NOT NULL,
	`idempotency_key` text,
	`request_hash` text,
	`retracted_at` text,
	`retraction_reason` text,
	FOREIGN KEY (`author_org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intel_publications_idempotency_idx` ON `intel_publications` (`author_org_id`,`idempotency_key`);--> statement-breakpoint
CREATE INDEX `intel_publications_author_idx` ON `intel_publications` (`author_org_id`,`id`);--> statement-breakpoint
CREATE INDEX `intel_publications_retracted_idx` ON `intel_publications` (`retracted_at`);--> statement-breakpoint
CREATE TABLE `keyword_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`file_version` integer,
	`publication_id` text,
	`summary` text,
	`date` text NOT NULL,
	`created_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keyword_versions_fileVersion_unique` ON `keyword_versions` (`file_version`);--> statement-breakpoint
CREATE TABLE `promoted_terms` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`group` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`language` text NOT NULL,
	`alert` text NOT NULL,
	`ambiguous` integer NOT NULL,
	`note` text,
	FOREIGN KEY (`version`) REFERENCES `keyword_versions`(`version`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `promoted_terms_version_idx` ON `promoted_terms` (`version`);