/** The audit log: entries (all for conveners' admins, an organisation's for its admins) and their verification status. */
import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { enc } from '../../api.ts';
import { Page, when } from '../../components/Page.tsx';
import { Async, ErrorNotice, Loading } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { useSignedIn } from '../../session.tsx';
import { type Item, type Verification, verifyAudit } from './verify-audit.ts';

function VerificationStatus({ org }: { org: string | null }) {
  const [result, setResult] = useState<Verification>();
  const [error, setError] = useState<Error>();
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick re-runs the verification
  useEffect(() => {
    let live = true;
    setResult(undefined);
    setError(undefined);
    verifyAudit(org)
      .then((r) => live && setResult(r))
      .catch((e: Error) => live && setError(e));
    return () => {
      live = false;
    };
  }, [org, tick]);
  if (error)
    return (
      <ErrorNotice
        error={error}
        title="The log could not be verified"
        onRetry={() => setTick((t) => t + 1)}
      />
    );
  if (!result) return <Loading label="Verifying the audit log in your browser…" />;
  return (
    <Alert
      color={result.ok ? 'green' : 'red'}
      title={result.ok ? 'Verified' : 'Verification failed'}
      role="status"
      data-testid="audit-verification"
    >
      <Stack gap="xs">
        <Text size="sm">{result.summary}</Text>
        {result.problems.length > 0 && (
          <List size="sm">
            {result.problems.slice(0, 20).map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        )}
        <Group>
          <Button size="xs" variant="light" onClick={() => setTick((t) => t + 1)}>
            Verify again
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export default function AuditPage() {
  const session = useSignedIn();
  const convenerAdmin = session.memberships.some((m) => m.orgKind === 'convener' && m.role === 'admin');
  const adminOrgs = session.memberships.filter((m) => m.role === 'admin');
  const [org, setOrg] = useState<string | null>(convenerAdmin ? null : (adminOrgs[0]?.orgId ?? null));
  const orgs = useApi<{ items: Array<{ id: string; slug: string; name: string }> }>('/api/v1/orgs?limit=200');
  const mayRead = convenerAdmin || adminOrgs.length > 0;
  const entries = useApi<{ items: Item[]; nextCursor: string | null }>(
    mayRead && (convenerAdmin || org)
      ? `/api/v1/audit/entries?limit=200${org ? `&org=${enc(org)}` : ''}`
      : null,
  );
  const choices = convenerAdmin
    ? [
        { value: '', label: 'All organisations' },
        ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
      ]
    : adminOrgs.map((m) => ({ value: m.orgId, label: m.orgSlug }));
  return (
    <Page
      title="Audit log"
      lead="Every security-relevant action, in a tamper-evident log with signed checkpoints. Verified here in your browser."
    >
      {!mayRead ? (
        <Alert color="gray">
          The audit log is for administrators. Ask an administrator of your organisation if you need an entry.
        </Alert>
      ) : (
        <>
          <Select
            label="Entries about"
            data={choices}
            value={org ?? ''}
            onChange={(v) => setOrg(v || null)}
            allowDeselect={false}
            maw={360}
          />
          <VerificationStatus org={org} />
          <Card withBorder component="section" aria-labelledby="entries-title">
            <Title order={3} size="h4" id="entries-title" mb="xs">
              Entries (oldest first)
            </Title>
            <Async state={entries} label="Loading the audit entries…">
              {(d) => (
                <Table.ScrollContainer minWidth={640}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>#</Table.Th>
                        <Table.Th>Time</Table.Th>
                        <Table.Th>Action</Table.Th>
                        <Table.Th>Outcome</Table.Th>
                        <Table.Th>Details</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {d.items.map((i) => {
                        const e = i.entry as unknown as {
                          time: string;
                          action: string;
                          outcome: string;
                          details: unknown;
                        };
                        return (
                          <Table.Tr key={i.seq}>
                            <Table.Td>{i.seq}</Table.Td>
                            <Table.Td>{when(e.time)}</Table.Td>
                            <Table.Td>{e.action}</Table.Td>
                            <Table.Td>
                              <Badge
                                size="xs"
                                color={e.outcome === 'success' ? 'green' : 'red'}
                                variant="light"
                              >
                                {e.outcome}
                              </Badge>
                            </Table.Td>
                            <Table.Td>
                              <Code fz="xs">{JSON.stringify(e.details).slice(0, 120)}</Code>
                            </Table.Td>
                          </Table.Tr>
                        );
                      })}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Async>
          </Card>
        </>
      )}
    </Page>
  );
}
