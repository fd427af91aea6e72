/** My account: passkeys (register, revoke), browser sessions, personal access tokens. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { browserSupportsWebAuthn, startRegistration } from '@simplewebauthn/browser';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiProblem, api, enc } from '../api.ts';
import { ActionTable, RevokeButton } from '../components/ActionTable.tsx';
import { day, Page, when } from '../components/Page.tsx';
import { Async, ErrorNotice } from '../components/Status.tsx';
import { useApi } from '../hooks.ts';
import { useSignedIn } from '../session.tsx';

interface Passkey {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}
interface SessionRow {
  id: string;
  method: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  userAgent: string | null;
  current?: boolean;
}
interface Token {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

function Passkeys() {
  const list = useApi<{ items: Passkey[] }>('/api/v1/me/passkeys');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string>();
  const form = useForm({ initialValues: { name: 'This device' } });
  const register = async (name: string) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const optionsJSON = await api<Parameters<typeof startRegistration>[0]['optionsJSON']>(
        '/api/v1/auth/passkeys/registration/options',
        { method: 'POST' },
      );
      const response = await startRegistration({ optionsJSON });
      const p = await api<Passkey>('/api/v1/auth/passkeys/registration', {
        method: 'POST',
        body: { name, response },
      });
      setDone(`Passkey "${p.name}" registered. Next time, sign in with it.`);
      list.reload();
    } catch (e) {
      const name = (e as Error).name;
      setError(
        e instanceof ApiProblem
          ? e
          : name === 'InvalidStateError'
            ? new Error('This authenticator already holds a passkey for your account.')
            : name === 'NotAllowedError'
              ? new Error(
                  'The passkey request was cancelled or timed out. Try again and confirm on your device.',
                )
              : new Error(`The passkey could not be created: ${(e as Error).message}`),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="passkeys-title">
      <Stack>
        <Title order={3} size="h4" id="passkeys-title">
          Passkeys
        </Title>
        {error && <ErrorNotice error={error} title="Passkey not registered" />}
        {done && (
          <Alert color="green" role="status">
            {done}
          </Alert>
        )}
        <form onSubmit={form.onSubmit((v) => register(v.name))}>
          <Group align="flex-end">
            <TextInput label="Name of the new passkey" {...form.getInputProps('name')} maxLength={100} />
            <Button type="submit" loading={busy} disabled={!browserSupportsWebAuthn()}>
              Register a passkey
            </Button>
          </Group>
        </form>
        <Async state={list}>
          {(d) =>
            d.items.length === 0 ? (
              <Text size="sm">No passkey yet.</Text>
            ) : (
              <ActionTable minWidth={420} columns={['Name', 'Registered', 'Last used']}>
                {d.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>{day(p.createdAt)}</Table.Td>
                    <Table.Td>{when(p.lastUsedAt)}</Table.Td>
                    <Table.Td>
                      <RevokeButton
                        label={`Revoke passkey ${p.name}`}
                        url={`/api/v1/me/passkeys/${enc(p.id)}`}
                        onError={setError}
                        onDone={list.reload}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </ActionTable>
            )
          }
        </Async>
      </Stack>
    </Card>
  );
}

function Sessions() {
  const list = useApi<{ items: SessionRow[] }>('/api/v1/me/sessions');
  const [error, setError] = useState<Error>();
  return (
    <Card withBorder component="section" aria-labelledby="sessions-title">
      <Stack>
        <Title order={3} size="h4" id="sessions-title">
          Browser sessions
        </Title>
        {error && <ErrorNotice error={error} />}
        <Async state={list}>
          {(d) => (
            <ActionTable minWidth={520} columns={['Signed in', 'With', 'Expires']}>
              {d.items.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    {when(s.createdAt)} {s.current && <Badge size="xs">this browser</Badge>}
                  </Table.Td>
                  <Table.Td>{s.method}</Table.Td>
                  <Table.Td>{when(s.expiresAt)}</Table.Td>
                  <Table.Td>
                    {!s.current && (
                      <RevokeButton
                        label={`Revoke the session from ${when(s.createdAt)}`}
                        url={`/api/v1/me/sessions/${enc(s.id)}`}
                        onError={setError}
                        onDone={list.reload}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ActionTable>
          )}
        </Async>
      </Stack>
    </Card>
  );
}

function Tokens() {
  const list = useApi<{ items: Token[] }>('/api/v1/me/tokens?limit=200');
  const [error, setError] = useState<Error>();
  const [secret, setSecret] = useState<string>();
  const form = useForm({
    initialValues: { name: '', expiresInDays: 90 },
    validate: { name: (v) => (v.trim() ? null : 'Give the token a name, e.g. the script that uses it') },
  });
  return (
    <Card withBorder component="section" aria-labelledby="tokens-title">
      <Stack>
        <Title order={3} size="h4" id="tokens-title">
          Personal access tokens
        </Title>
        <Text size="sm" c="dimmed">
          For scripts and the <Code>ewto</Code> command-line tool. A token is shown once.
        </Text>
        {error && <ErrorNotice error={error} />}
        {secret && (
          <Alert color="green" title="Copy your new token now: it is not shown again" role="status">
            <Group wrap="nowrap">
              <Code style={{ wordBreak: 'break-all' }}>{secret}</Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" onClick={copy}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
        <form
          onSubmit={form.onSubmit(async (v) => {
            setError(undefined);
            try {
              const out = await api<{ token: string }>('/api/v1/me/tokens', {
                method: 'POST',
                body: { name: v.name.trim(), expiresInDays: v.expiresInDays },
              });
              setSecret(out.token);
              form.reset();
              list.reload();
            } catch (e) {
              setError(e as Error);
            }
          })}
        >
          <Group align="flex-end">
            <TextInput label="Token name" {...form.getInputProps('name')} maxLength={100} />
            <NumberInput
              label="Valid for (days)"
              min={1}
              max={366}
              w={140}
              {...form.getInputProps('expiresInDays')}
            />
            <Button type="submit" variant="light">
              Create token
            </Button>
          </Group>
        </form>
        <Async state={list}>
          {(d) => (
            <ActionTable minWidth={520} columns={['Name', 'Expires', 'Last used']}>
              {d.items.map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>{t.name}</Table.Td>
                  <Table.Td>{t.revokedAt ? <Badge color="gray">revoked</Badge> : day(t.expiresAt)}</Table.Td>
                  <Table.Td>{when(t.lastUsedAt)}</Table.Td>
                  <Table.Td>
                    {!t.revokedAt && (
                      <RevokeButton
                        label={`Revoke token ${t.name}`}
                        url={`/api/v1/me/tokens/${enc(t.id)}`}
                        onError={setError}
                        onDone={list.reload}
                      />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </ActionTable>
          )}
        </Async>
      </Stack>
    </Card>
  );
}

export function Account() {
  const session = useSignedIn();
  const [params] = useSearchParams();
  return (
    <Page title="My account" lead={`${session.email} · session until ${when(session.expiresAt)}`}>
      {params.get('welcome') && session.method === 'token' && (
        <Alert color="blue" title="Welcome" role="status">
          You signed in with a personal access token. Register a passkey below to sign in with it from now on.
        </Alert>
      )}
      <Passkeys />
      <Sessions />
      <Tokens />
    </Page>
  );
}
