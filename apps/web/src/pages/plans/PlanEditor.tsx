/**
 * The plan editor, bound live to the plan's Y.Doc over the stock y-websocket provider (the session
 * cookie authenticates the /collab upgrade). Six categories of activities; owner, due date, status,
 * indicators; rich-text descriptions; who is here; named versions and restore; activities from the
 * gaps of a policy submission.
 */
import {
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useEffect, useMemo, useReducer, useState } from 'react';
import { useParams } from 'react-router';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { api, enc } from '../../api.ts';
import { Page, when } from '../../components/Page.tsx';
import { Async, ErrorNotice, Loading } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { type Session, useSignedIn } from '../../session.tsx';
import { Description } from './Description.tsx';

const CATEGORIES = [
  ['policy', 'Policy'],
  ['staffTraining', 'Staff training'],
  ['userEducation', 'User education'],
  ['citizenScience', 'Citizen science'],
  ['automatedDetection', 'Automated detection'],
  ['shareLearning', 'Share learning'],
] as const;
const STATUSES = ['planned', 'in-progress', 'done', 'blocked'];
const COLORS = ['#c92a2a', '#1864ab', '#2b8a3e', '#862e9c', '#d9480f', '#0b7285'];

interface PlanInfo {
  id: string;
  company: string;
  period: string;
  title: string;
  archived: boolean;
}
interface Peer {
  clientId: number;
  name: string;
  color: string;
}

/** Whether the session's person may edit this company's plan (the hub decides; this only shapes the UI). */
const mayEdit = (s: Session, company: string) =>
  s.memberships.some(
    (m) => (m.orgId === company || m.orgKind === 'convener') && (m.role === 'admin' || m.role === 'editor'),
  );

const colorFor = (s: string) => COLORS[[...s].reduce((a, ch) => a + ch.charCodeAt(0), 0) % COLORS.length]!;

function Activity({
  activity,
  provider,
  user,
  editable,
  onRemove,
}: {
  activity: Y.Map<unknown>;
  provider: WebsocketProvider;
  user: { name: string; color: string };
  editable: boolean;
  onRemove: () => void;
}) {
  const str = (k: string) => (activity.get(k) as string | undefined) ?? '';
  const set = (k: string, v: unknown) => activity.doc?.transact(() => activity.set(k, v));
  const title = str('title') || 'Untitled activity';
  const indicators = activity.get('indicators') as Y.Array<Y.Map<unknown>> | undefined;
  const fragment = activity.get('description') as Y.XmlFragment | undefined;
  return (
    <Card withBorder padding="sm" data-activity={str('id')}>
      <Stack gap="xs">
        <Group align="flex-end" gap="xs">
          <TextInput
            label="Activity"
            value={str('title')}
            onChange={(e) => set('title', e.currentTarget.value)}
            readOnly={!editable}
            style={{ flex: 2, minWidth: 180 }}
          />
          <TextInput
            label="Owner"
            value={str('owner')}
            onChange={(e) => set('owner', e.currentTarget.value)}
            readOnly={!editable}
            style={{ flex: 1, minWidth: 120 }}
          />
          <TextInput
            label="Due"
            type="date"
            value={str('due')}
            onChange={(e) => set('due', e.currentTarget.value)}
            readOnly={!editable}
            w={150}
          />
          <Select
            label="Status"
            data={STATUSES}
            value={str('status') || 'planned'}
            onChange={(v) => v && set('status', v)}
            disabled={!editable}
            allowDeselect={false}
            w={140}
          />
        </Group>
        {str('provision') && (
          <Text size="xs" c="dimmed">
            Answers provision {str('provision')}
          </Text>
        )}
        {fragment && (
          <Description
            fragment={fragment}
            provider={provider}
            user={user}
            editable={editable}
            label={`Description of ${title}`}
          />
        )}
        {indicators && (
          <Table withTableBorder={false} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Indicator</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Actual</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicators.toArray().map((ind, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: indicators have no id; position is their identity here
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={`Indicator ${i + 1} of ${title}`}
                      size="xs"
                      value={(ind.get('name') as string) ?? ''}
                      onChange={(e) => ind.doc?.transact(() => ind.set('name', e.currentTarget.value))}
                      readOnly={!editable}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Target of indicator ${i + 1}`}
                      size="xs"
                      w={100}
                      value={(ind.get('target') as number) ?? 0}
                      onChange={(v) => ind.doc?.transact(() => ind.set('target', Number(v) || 0))}
                      readOnly={!editable}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`Actual of indicator ${i + 1}`}
                      size="xs"
                      w={100}
                      value={(ind.get('actual') as number) ?? 0}
                      onChange={(v) => ind.doc?.transact(() => ind.set('actual', Number(v) || 0))}
                      readOnly={!editable}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editable && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="subtle"
              onClick={() =>
                activity.doc?.transact(() => {
                  const ind = new Y.Map<unknown>();
                  indicators?.push([ind]);
                  ind.set('name', 'New indicator');
                  ind.set('target', 0);
                  ind.set('actual', 0);
                })
              }
            >
              Add indicator
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={`Remove activity ${title}`}
            >
              Remove
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Versions({ planId, editable, company }: { planId: string; editable: boolean; company: string }) {
  const versions = useApi<{ items: Array<{ id: string; label: string; createdAt: string }> }>(
    `/api/v1/plans/${enc(planId)}/versions?limit=50`,
  );
  const subs = useApi<{
    items: Array<{ id: string; submittedAt: string; score: number; frameworkVersion: string }>;
  }>(`/api/v1/orgs/${enc(company)}/policies?limit=20`);
  const [label, setLabel] = useState('');
  const [submission, setSubmission] = useState<string | null>(null);
  const [error, setError] = useState<Error>();
  const [notice, setNotice] = useState<string>();
  const act = async (fn: () => Promise<string>) => {
    setError(undefined);
    setNotice(undefined);
    try {
      setNotice(await fn());
      versions.reload();
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Card withBorder component="section" aria-labelledby="versions-title">
      <Stack>
        <Title order={3} size="h4" id="versions-title">
          Versions and gaps
        </Title>
        {error && <ErrorNotice error={error} />}
        {notice && (
          <Alert color="green" role="status">
            {notice}
          </Alert>
        )}
        {editable && (
          <Group align="flex-end">
            <TextInput
              label="Name this version"
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              maxLength={200}
            />
            <Button
              variant="light"
              disabled={!label.trim()}
              onClick={() =>
                act(async () => {
                  await api(`/api/v1/plans/${enc(planId)}/versions`, {
                    method: 'POST',
                    body: { label: label.trim() },
                  });
                  setLabel('');
                  return `Version "${label.trim()}" saved.`;
                })
              }
            >
              Save version
            </Button>
          </Group>
        )}
        <Async state={versions}>
          {(d) =>
            d.items.length === 0 ? (
              <Text size="sm">No named version yet.</Text>
            ) : (
              <Table>
                <Table.Tbody>
                  {d.items.map((v) => (
                    <Table.Tr key={v.id}>
                      <Table.Td>{v.label}</Table.Td>
                      <Table.Td>{when(v.createdAt)}</Table.Td>
                      <Table.Td>
                        {editable && (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={`Restore version ${v.label}`}
                            onClick={() =>
                              act(async () => {
                                await api(`/api/v1/plans/${enc(planId)}/versions/${enc(v.id)}/restore`, {
                                  method: 'POST',
                                });
                                return `Restored "${v.label}" (as a new edit; the history is kept).`;
                              })
                            }
                          >
                            Restore
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )
          }
        </Async>
        {editable && (
          <Group align="flex-end">
            <Select
              label="Add activities from the gaps of a policy submission"
              data={(subs.data?.items ?? []).map((s) => ({
                value: s.id,
                label: `${when(s.submittedAt)} · edition ${s.frameworkVersion} · score ${s.score}`,
              }))}
              value={submission}
              onChange={setSubmission}
              placeholder={subs.data?.items.length === 0 ? 'No submission yet' : 'Choose a submission'}
              w={360}
            />
            <Button
              variant="light"
              disabled={!submission}
              onClick={() =>
                act(async () => {
                  const r = await api<{ created: unknown[]; skipped: string[] }>(
                    `/api/v1/plans/${enc(planId)}/activities/from-submission`,
                    { method: 'POST', body: { submissionId: submission } },
                  );
                  return `${r.created.length} activities added${r.skipped.length ? `; ${r.skipped.length} provisions already had one` : ''}.`;
                })
              }
            >
              Add activities from gaps
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function Editor({ plan }: { plan: PlanInfo }) {
  const session = useSignedIn();
  const editable = mayEdit(session, plan.company) && !plan.archived;
  const doc = useMemo(() => new Y.Doc(), []);
  const [provider, setProvider] = useState<WebsocketProvider>();
  const [synced, setSynced] = useState(false);
  const [closed, setClosed] = useState<string>();
  const [peers, setPeers] = useState<Peer[]>([]);
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const user = useMemo(() => ({ name: session.email, color: colorFor(session.email) }), [session.email]);

  useEffect(() => {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
    const p = new WebsocketProvider(url, plan.id, doc, { disableBc: true });
    p.awareness.setLocalStateField('user', user);
    p.on('sync', (s: boolean) => setSynced(s));
    p.on('connection-close', (e: CloseEvent | null) => {
      if (e && e.code >= 4000)
        setClosed(
          e.code === 4403
            ? 'Your access to this plan was revoked.'
            : e.code === 4401
              ? 'Your session ended: sign in again.'
              : `The hub closed the connection (${e.code}${e.reason ? `: ${e.reason}` : ''}).`,
        );
    });
    const onAwareness = () =>
      setPeers(
        [...p.awareness.getStates().entries()]
          .filter(([, st]) => st.user)
          .map(([clientId, st]) => ({
            clientId,
            name: (st.user as Peer).name,
            color: (st.user as Peer).color,
          })),
      );
    p.awareness.on('change', onAwareness);
    doc.on('update', bump);
    setProvider(p);
    return () => {
      doc.off('update', bump);
      p.destroy();
    };
  }, [doc, plan.id, user]);

  const root = doc.getMap('plan');
  const categories = root.get('categories') as Y.Map<Y.Array<Y.Map<unknown>>> | undefined;
  if (!provider || !synced || !categories) return <Loading label="Connecting to the plan…" />;
  const addActivity = (key: string) =>
    doc.transact(() => {
      const a = new Y.Map<unknown>();
      categories.get(key)?.push([a]);
      a.set('id', crypto.randomUUID());
      a.set('title', '');
      a.set('owner', '');
      a.set('due', '');
      a.set('status', 'planned');
      a.set('description', new Y.XmlFragment());
      a.set('indicators', new Y.Array());
    });
  return (
    <Stack>
      {closed && (
        <Alert color="red" role="alert">
          {closed}
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs" aria-label="People editing this plan now" role="group" data-testid="presence">
          <Text size="sm" fw={600}>
            Here now:
          </Text>
          {peers.map((p) => (
            <Tooltip key={p.clientId} label={p.name}>
              <Badge
                variant="outline"
                leftSection={<Avatar size={14} color={p.color} radius="xl" aria-hidden />}
                data-peer={p.name}
              >
                {p.name}
              </Badge>
            </Tooltip>
          ))}
        </Group>
        {!editable && (
          <Badge color="gray" data-testid="read-only">
            Read-only
          </Badge>
        )}
      </Group>
      <TextInput
        label="Plan title"
        value={(root.get('title') as string) ?? ''}
        onChange={(e) => {
          const v = e.currentTarget.value;
          doc.transact(() => root.set('title', v));
        }}
        readOnly={!editable}
        maw={560}
      />
      {CATEGORIES.map(([key, label]) => {
        const list = categories.get(key);
        return (
          <Card key={key} withBorder component="section" aria-labelledby={`cat-${key}`} data-category={key}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={3} size="h4" id={`cat-${key}`}>
                  {label}
                </Title>
                {editable && (
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => addActivity(key)}
                    aria-label={`Add an activity to ${label}`}
                  >
                    Add activity
                  </Button>
                )}
              </Group>
              {(list?.toArray() ?? []).length === 0 && (
                <Text size="sm" c="dimmed">
                  No activity yet.
                </Text>
              )}
              {(list?.toArray() ?? []).map((a, i) => (
                <Activity
                  key={(a.get('id') as string) ?? i}
                  activity={a}
                  provider={provider}
                  user={user}
                  editable={editable}
                  onRemove={() => doc.transact(() => list?.delete(i, 1))}
                />
              ))}
            </Stack>
          </Card>
        );
      })}
      <Versions planId={plan.id} editable={editable} company={plan.company} />
    </Stack>
  );
}

export default function PlanEditor() {
  const { id = '' } = useParams();
  const plan = useApi<PlanInfo>(`/api/v1/plans/${enc(id)}`);
  return (
    <Async state={plan} label="Loading the plan…">
      {(p) => (
        <Page
          title={p.title}
          lead={`Action plan for ${p.period}${p.archived ? ' · archived (read-only)' : ''}. Changes are saved as you type and seen by everyone here.`}
        >
          <Editor plan={p} />
        </Page>
      )}
    </Async>
  );
}
