/** Lists of things a person can revoke or remove (tokens, passkeys, sessions, keys, members). */
import { Button, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { api } from '../api.ts';

/** A table whose last column holds each row's actions (its header is for screen readers only). */
export function ActionTable({
  columns,
  minWidth,
  striped,
  children,
}: {
  columns: string[];
  minWidth: number;
  striped?: boolean;
  /** The rows. */
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table {...(striped ? { striped: true } : {})}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c}>{c}</Table.Th>
            ))}
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The red button of a row that revokes or removes it; `label` says what, for screen readers. */
export function DangerButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => unknown;
  children: ReactNode;
}) {
  return (
    <Button size="xs" color="red" variant="subtle" aria-label={label} onClick={onClick}>
      {children}
    </Button>
  );
}

/**
 * A row's Revoke button: DELETE `url`, then `onRevoked` (on success) and `onDone` (always, e.g. to
 * reload the list); a failure goes to `onError`.
 */
export function RevokeButton({
  label,
  url,
  onError,
  onDone,
  onRevoked,
}: {
  label: string;
  url: string;
  onError: (error: Error) => void;
  onDone: () => void;
  onRevoked?: () => void;
}) {
  return (
    <DangerButton
      label={label}
      onClick={async () => {
        await api(url, { method: 'DELETE' }).then(onRevoked).catch(onError);
        onDone();
      }}
    >
      Revoke
    </DangerButton>
  );
}
