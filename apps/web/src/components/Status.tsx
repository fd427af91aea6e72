/** Loading and error states: never a blank screen, and errors in words a person can act on. */
import { Alert, Button, Center, Group, List, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiProblem } from '../api.ts';
import type { Loaded } from '../hooks.ts';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label}</Text>
      </Group>
    </Center>
  );
}

export function ErrorNotice({
  error,
  title,
  onRetry,
}: {
  error: Error;
  title?: string;
  onRetry?: () => void;
}) {
  const errors = error instanceof ApiProblem ? error.errors : [];
  return (
    <Alert color="red" title={title ?? 'Something went wrong'} role="alert" variant="light">
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        {errors.length > 1 && (
          <List size="sm">
            {errors.slice(0, 20).map((e) => (
              <List.Item key={`${e.pointer}-${e.line}-${e.message}`}>
                {e.line ? `line ${e.line}: ` : ''}
                {e.message}
              </List.Item>
            ))}
          </List>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Renders `children(data)` once loaded; a loader before, an error notice (with retry) on failure. */
export function Async<T>({
  state,
  label,
  children,
}: {
  state: Loaded<T>;
  label?: string;
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading {...(label ? { label } : {})} />;
  return <>{children(state.data)}</>;
}
