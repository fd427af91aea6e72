/** JSON output: two-space indented, newline-terminated (the report objects are already plain data). */
export const formatJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
