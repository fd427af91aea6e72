/** Beside the editor: named versions (with restore) and activities from a policy submission's gaps. */
import { Button, Card, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { api, enc } from '../../api.ts';
import { when } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import type { PlanSummary, PlanVersion } from './model.ts';

export function VersionsPanel({ plan, writable }: { plan: PlanSummary; writable: boolean }) {
  const versions = useApi<{ items: PlanVersion[] }>(`/api/v1/plans/${enc(plan.id)}/versions?limit=50`);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<Error>();
  const [done, setDone] = useState<string>();
  const act = async (what: string, fn: () => Promise<string>) => {
    setBusy(what);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await fn());
      versions.reload();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="versions-title" padding="sm">
      <Stack gap="sm">
        <Title order={3} size="h4" id="versions-title">
          Version history
        </Title>
        {writable && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void act('save', async () => {
                const v = await api<PlanVersion>(`/api/v1/plans/${enc(plan.id)}/versions`, {
                  method: 'POST',
                  body: { label: label.trim() },
                });
                setLabel('');
                return `Saved the plan as it is now as version "${v.label}".`;
              });
            }}
          >
            <Group align="flex-end" wrap="wrap" gap="xs">
              <TextInput
                label="Name for this version"
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
                maxLength={200}
                style={{ flex: 1, minWidth: 180 }}
              />
              <Button type="submit" loading={busy === 'save'} disabled={!label.trim()}>
                Save version
              </Button>
            </Group>
          </form>
        )}
        {done && (
          <Text size="sm" role="status">
            {done}
          </Text>
        )}
        {error && <ErrorNotice error={error} />}
        <Async state={versions} label="Loading versions…">
          {(data) =>
            data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                No named versions yet.
              </Text>
            ) : (
              <Table.ScrollContainer minWidth={300}>
                <Table aria-label="Named versions">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Version</Table.Th>
                      <Table.Th>Saved</Table.Th>
                      {writable && <Table.Th>Restore</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((v) => (
                      <Table.Tr key={v.id}>
                        <Table.Td>{v.label}</Table.Td>
                        <Table.Td>{when(v.createdAt)}</Table.Td>
                        {writable && (
                          <Table.Td>
                            <Button
                              size="xs"
                              variant="light"
                              loading={busy === v.id}
                              aria-label={`Restore version ${v.label}`}
                              onClick={() => {
                                if (
                                  !window.confirm(
                                    `Make the plan read like version "${v.label}" again? Everyone in the plan sees it at once; the history is kept.`,
                                  )
                                )
                                  return;
                                void act(v.id, async () => {
                                  await api(`/api/v1/plans/${enc(plan.id)}/versions/${enc(v.id)}/restore`, {
                                    method: 'POST',
                                  });
                                  return `Restored version "${v.label}".`;
                                });
                              }}
                            >
                              Restore
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )
          }
        </Async>
      </Stack>
    </Card>
  );
}

interface Submission {
  id: string;
  submittedAt: string;
  frameworkVersion: string;
  score: number;
}

export function GapsPanel({ plan }: { plan: PlanSummary }) {
  const subs = useApi<{ items: Submission[] }>(`/api/v1/orgs/${enc(plan.company)}/policies?limit=50`);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<string>();
  return (
    <Card withBorder component="section" aria-labelledby="gaps-title" padding="sm">
      <Stack gap="sm">
        <Title order={3} size="h4" id="gaps-title">
          Add activities from gaps
        </Title>
        <Text size="sm" c="dimmed">
          A Policy activity for each provision that a policy submission misses or covers only in part
          (provisions that already have one are skipped).
        </Text>
        <Async state={subs} label="Loading policy submissions…">
          {(data) =>
            data.items.length === 0 ? (
              <Text size="sm">This company has submitted no policy yet.</Text>
            ) : (
              <form
                onSubmit={async (e) => {
                  e.preventDefault();
                  const id = choice || data.items[0]!.id;
                  setBusy(true);
                  setError(undefined);
                  setResult(undefined);
                  try {
                    const r = await api<{ created: unknown[]; skipped: string[] }>(
                      `/api/v1/plans/${enc(plan.id)}/activities/from-submission`,
                      { method: 'POST', body: { submissionId: id } },
                    );
                    setResult(
                      `Added ${r.created.length} ${r.created.length === 1 ? 'activity' : 'activities'} to Policy` +
                        (r.skipped.length ? `; ${r.skipped.length} provision(s) already had one.` : '.'),
                    );
                  } catch (err) {
                    setError(err as Error);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                <Stack gap="xs">
                  <NativeSelect
                    label="Policy submission"
                    value={choice || data.items[0]!.id}
                    onChange={(e) => setChoice(e.currentTarget.value)}
                    data={data.items.map((s) => ({
                      value: s.id,
                      label: `${when(s.submittedAt)} · framework ${s.frameworkVersion} · score ${s.score}`,
                    }))}
                  />
                  <Group>
                    <Button type="submit" loading={busy}>
                      Add activities from gaps
                    </Button>
                  </Group>
                </Stack>
              </form>
            )
          }
        </Async>
        {result && (
          <Text size="sm" role="status">
            {result}
          </Text>
        )}
        {error && <ErrorNotice error={error} />}
      </Stack>
    </Card>
  );
}
