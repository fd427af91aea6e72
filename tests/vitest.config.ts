import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./support/global-setup.ts'],
  },
});
