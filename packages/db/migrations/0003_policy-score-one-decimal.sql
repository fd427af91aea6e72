PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_policy_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	`framework_version` text NOT NULL,
	`media_type` text NOT NULL,
	`document` text NOT NULL,
	`score` real NOT NULL,
	`report` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_policy_submissions`("id", "org_id", "submitted_by", "submitted_at", "framework_version", "media_type", "document", "score", "report") SELECT "id", "org_id", "submitted_by", "submitted_at", "framework_version", "media_type", "document", coalesce(json_extract("report", '$.summary.score'), "score"), "report" FROM `policy_submissions`;--> statement-breakpoint
DROP TABLE `policy_submissions`;--> statement-breakpoint
ALTER TABLE `__new_policy_submissions` RENAME TO `policy_submissions`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `policy_submissions_org_idx` ON `policy_submissions` (`org_id`,`submitted_at`);