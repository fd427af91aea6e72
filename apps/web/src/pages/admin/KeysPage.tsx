/** An agency's registered public keys: Ed25519 for its machine clients and receipts, X25519 for encrypted intelligence. */
import {
  Alert,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useState } from 'react';
import { api, enc } from '../../api.ts';
import { ActionTable, DangerButton } from '../../components/ActionTable.tsx';
import { type Org, OrgSelect } from '../../components/OrgSelect.tsx';
import { day, Page } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';

interface Key {
  kid: string;
  name: string;
  use: 'sig' | 'enc';
  createdAt: string;
  revokedAt: string | null;
}

function Keys({ org }: { org: Org }) {
  const base = `/api/v1/orgs/${enc(org.id)}/keys`;
  const list = useApi<{ items: Key[] }>(`${base}?limit=200`);
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();
  const form = useForm({
    initialValues: { name: '', jwk: '' },
    validate: {
      jwk: (v) => {
        try {
          const k = JSON.parse(v) as Record<string, unknown>;
          if ('d' in k)
            return 'This is a private key ("d"). Paste only the public half: the private key never leaves your agency.';
          return k.kty === 'OKP' ? null : 'Expected an OKP public JWK (Ed25519 or X25519)';
        } catch {
          return 'Paste the public key as JSON (a JWK), or load the public .jwk file';
        }
      },
    },
  });
  return (
    <Stack>
      {error && <ErrorNotice error={error} />}
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="register-title">
        <Title order={3} size="h4" id="register-title" mb="xs">
          Register a public key
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          Create a key pair with <code>ewto keys generate --out &lt;dir&gt;</code> and register the public
          file here.
        </Text>
        <form
          onSubmit={form.onSubmit(async (v) => {
            setError(undefined);
            try {
              const k = await api<Key>(base, {
                method: 'POST',
                body: { name: v.name.trim() || undefined, publicJwk: JSON.parse(v.jwk) },
              });
              setNotice(`Registered ${k.use === 'sig' ? 'signing' : 'encryption'} key ${k.kid}.`);
              form.reset();
              list.reload();
            } catch (e) {
              setError(e as Error);
            }
          })}
        >
          <Stack>
            <TextInput label="Name" {...form.getInputProps('name')} maxLength={100} maw={360} />
            <Textarea label="Public key (JWK)" autosize minRows={3} {...form.getInputProps('jwk')} />
            <Group>
              <FileButton
                accept=".jwk,.json,application/json"
                onChange={async (f) => f && form.setFieldValue('jwk', await f.text())}
              >
                {(props) => (
                  <Button variant="default" {...props}>
                    Load a public key file…
                  </Button>
                )}
              </FileButton>
              <Button type="submit">Register</Button>
            </Group>
          </Stack>
        </form>
      </Card>
      <Card withBorder component="section" aria-labelledby="keys-title">
        <Title order={3} size="h4" id="keys-title" mb="xs">
          Keys of {org.name}
        </Title>
        <Async state={list} label="Loading the keys…">
          {(d) =>
            d.items.length === 0 ? (
              <Text size="sm">No key registered.</Text>
            ) : (
              <ActionTable
                minWidth={600}
                striped
                columns={['Name', 'Use', 'Key id (thumbprint)', 'Registered']}
              >
                {d.items.map((k) => (
                  <Table.Tr key={k.kid}>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td>{k.use === 'sig' ? 'signing (Ed25519)' : 'encryption (X25519)'}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {k.kid}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {k.revokedAt ? (
                        <Badge color="gray">revoked {day(k.revokedAt)}</Badge>
                      ) : (
                        day(k.createdAt)
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!k.revokedAt && (
                        <DangerButton
                          label={`Revoke key ${k.name}`}
                          onClick={async () => {
                            setError(undefined);
                            await api(`${base}/${enc(k.kid)}`, { method: 'DELETE' })
                              .then(() => setNotice(`Key ${k.name} revoked.`))
                              .catch(setError);
                            list.reload();
                          }}
                        >
                          Revoke
                        </DangerButton>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </ActionTable>
            )
          }
        </Async>
      </Card>
    </Stack>
  );
}

export default function KeysPage() {
  const [org, setOrg] = useState<Org | null>(null);
  const pick = useCallback((o: Org | null) => setOrg(o), []);
  return (
    <Page
      title="Agency keys"
      lead="Public keys of law-enforcement agencies. Private keys never reach the hub."
    >
      <OrgSelect kinds={['agency']} value={org?.id ?? null} onChange={pick} label="Agency" />
      {org && <Keys key={org.id} org={org} />}
    </Page>
  );
}
