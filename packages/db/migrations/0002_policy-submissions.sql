CREATE TABLE `policy_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`framework_version` text NOT NULL,
	`media_type` text NOT NULL,
	`document` text NOT NULL,
	`score` integer NOT NULL,
	`report` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `policy_submissions_org_idx` ON `policy_submissions` (`org_id`,`submitted_at`);