/** Organisation members and roles: add, change role (with the member's ETag), remove, mint a token for a member. */
import {
  Alert,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useState } from 'react';
import { api, enc, request } from '../../api.ts';
import { ActionTable, DangerButton } from '../../components/ActionTable.tsx';
import { type Org, OrgSelect } from '../../components/OrgSelect.tsx';
import { day, Page } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';

interface Member {
  userId: string;
  email: string;
  name: string;
  role: string;
  createdAt: string;
}
const ROLES = ['admin', 'editor', 'viewer'];

function Members({ org }: { org: Org }) {
  const base = `/api/v1/orgs/${enc(org.id)}/members`;
  const list = useApi<{ items: Member[] }>(`${base}?limit=200`);
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();
  const [secret, setSecret] = useState<{ email: string; token: string }>();
  const form = useForm({
    initialValues: { email: '', name: '', role: 'viewer' },
    validate: {
      email: (v) =>
        /^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter an e-mail address such as name@example.org',
    },
  });
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(undefined);
    setNotice(undefined);
    try {
      await fn();
      setNotice(done);
      list.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  const setRole = (m: Member, role: string) =>
    act(async () => {
      const res = await request(`${base}/${enc(m.userId)}`);
      await api(`${base}/${enc(m.userId)}`, {
        method: 'PATCH',
        body: { role },
        headers: { 'if-match': res.headers.get('etag') ?? '' },
      });
    }, `${m.email} is now ${role}.`);
  return (
    <Stack>
      {error && <ErrorNotice error={error} />}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {secret && (
        <Alert
          color="green"
          title={`Token for ${secret.email}: give it to them now, it is not shown again`}
          role="status"
        >
          <Group wrap="nowrap">
            <Code style={{ wordBreak: 'break-all' }}>{secret.token}</Code>
            <CopyButton value={secret.token}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="add-title">
        <Title order={3} size="h4" id="add-title" mb="xs">
          Add a member
        </Title>
        <form
          onSubmit={form.onSubmit((v) =>
            act(
              () =>
                api(base, {
                  method: 'POST',
                  body: {
                    email: v.email.trim(),
                    role: v.role,
                    ...(v.name.trim() ? { name: v.name.trim() } : {}),
                  },
                }).then(() => form.reset()),
              `${v.email} added as ${v.role}.`,
            ),
          )}
        >
          <Group align="flex-end">
            <TextInput label="E-mail" type="email" {...form.getInputProps('email')} />
            <TextInput label="Name (for a new person)" {...form.getInputProps('name')} />
            <Select label="Role" data={ROLES} allowDeselect={false} w={130} {...form.getInputProps('role')} />
            <Button type="submit">Add</Button>
          </Group>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="members-title">
        <Title order={3} size="h4" id="members-title" mb="xs">
          Members of {org.name}
        </Title>
        <Async state={list} label="Loading the members…">
          {(d) => (
            <ActionTable minWidth={640} striped columns={['Person', 'Role', 'Since']}>
              {d.items.map((m) => (
                <Table.Tr key={m.userId}>
                  <Table.Td>
                    <Text size="sm">{m.name}</Text>
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Role of ${m.email}`}
                      data={ROLES}
                      value={m.role}
                      onChange={(r) => r && r !== m.role && setRole(m, r)}
                      allowDeselect={false}
                      size="xs"
                      w={110}
                    />
                  </Table.Td>
                  <Table.Td>{day(m.createdAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        aria-label={`Create a personal access token for ${m.email}`}
                        onClick={() =>
                          act(async () => {
                            const out = await api<{ token: string }>(`${base}/${enc(m.userId)}/tokens`, {
                              method: 'POST',
                              body: { name: 'issued by an administrator', expiresInDays: 30 },
                            });
                            setSecret({ email: m.email, token: out.token });
                          }, `Token created for ${m.email}.`)
                        }
                      >
                        Token
                      </Button>
                      <DangerButton
                        label={`Remove ${m.email}`}
                        onClick={() =>
                          act(
                            () => api(`${base}/${enc(m.userId)}`, { method: 'DELETE' }),
                            `${m.email} removed.`,
                          )
                        }
                      >
                        Remove
                      </DangerButton>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </ActionTable>
          )}
        </Async>
      </Card>
    </Stack>
  );
}

export default function MembersPage() {
  const [org, setOrg] = useState<Org | null>(null);
  const pick = useCallback((o: Org | null) => setOrg(o), []);
  return (
    <Page
      title="Members and roles"
      lead="Administrators add people, change their roles and remove them. Every change is in the audit log."
    >
      <OrgSelect kinds={['convener', 'company', 'agency']} value={org?.id ?? null} onChange={pick} />
      {org && <Members key={org.id} org={org} />}
    </Page>
  );
}
