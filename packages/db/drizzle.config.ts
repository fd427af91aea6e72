import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`pnpm db:generate --name <change>`) and committed; the hub applies them at start.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
