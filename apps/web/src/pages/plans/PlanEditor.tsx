/**
 * The plan editor, bound live to the plan's Y.Doc over the stock y-websocket provider (the browser
 * session cookie authenticates the /collab upgrade). The hub created the skeleton — this page never
 * creates, replaces or deletes the plan map or the category arrays (docs/action-plans.md).
 */
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useId, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { enc } from '../../api.ts';
import type { Org } from '../../components/OrgSelect.tsx';
import { Page } from '../../components/Page.tsx';
import { Async, Loading } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { type Session, useSignedIn } from '../../session.tsx';
import { Description, type Person } from './Description.tsx';
import { CATEGORIES, type Category, INDICATOR_KINDS, mayWrite, type PlanSummary, STATUSES } from './model.ts';
import { GapsPanel, VersionsPanel } from './PlanPanels.tsx';

type YActivity = Y.Map<unknown>;

/** Dark enough for white caret labels (WCAG AA). */
const COLORS = ['#0b7285', '#5f3dc4', '#a61e4d', '#2b8a3e', '#c92a2a', '#1864ab', '#862e9c', '#9c3600'];
const colorFor = (id: string) =>
  COLORS[[...id].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) >>> 0, 7) % COLORS.length]!;

const CLOSES: Record<number, string> = {
  4400: 'The hub refused an edit from this page as malformed. Reload the page; if it happens again, tell the hub operator.',
  4401: 'Your session has ended. Sign in again to continue editing.',
  4403: 'Your access to this plan ended (signed out, membership removed or the plan is no longer visible).',
  4413: 'An edit was too large for the hub. Reload the page and make smaller changes.',
};

export default function PlanEditorPage() {
  const { id = '' } = useParams();
  const plan = useApi<PlanSummary>(`/api/v1/plans/${enc(id)}`);
  return (
    <Async state={plan} label="Loading the plan…">
      {(p) => <LiveEditor key={p.id} plan={p} />}
    </Async>
  );
}

interface Live {
  doc: Y.Doc;
  provider: WebsocketProvider;
}

function LiveEditor({ plan }: { plan: PlanSummary }) {
  const session = useSignedIn();
  const writable = !plan.archived && mayWrite(session, plan.company);
  const person = useMemo<Person>(
    () => ({ name: session.email, color: colorFor(session.userId) }),
    [session.email, session.userId],
  );
  const [live, setLive] = useState<Live>();
  const [synced, setSynced] = useState(false);
  const [connected, setConnected] = useState(false);
  const [closed, setClosed] = useState<string>();
  const [denied, setDenied] = useState(false);

  useEffect(() => {
    const doc = new Y.Doc();
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/collab`;
    // The session cookie goes with the upgrade (same origin); no token in the URL.
    const provider = new WebsocketProvider(url, plan.id, doc, { disableBc: true, maxBackoffTime: 5000 });
    provider.awareness.setLocalStateField('user', person);
    provider.on('sync', (s: boolean) => setSynced(s));
    provider.on('status', ({ status }: { status: string }) => setConnected(status === 'connected'));
    provider.on('connection-close', (e: CloseEvent | null) => {
      const why = e ? CLOSES[e.code] : undefined;
      if (why) {
        provider.shouldConnect = false;
        setClosed(why);
      }
    });
    // y-protocols auth message "permission-denied": the hub dropped an edit of a read-only caller.
    const onDenied = () => setDenied(true);
    (provider as unknown as { messageHandlers: unknown[] }).messageHandlers[2] = (
      _enc: unknown,
      _dec: unknown,
      _p: unknown,
    ) => onDenied();
    setLive({ doc, provider });
    return () => {
      provider.destroy();
      doc.destroy();
    };
  }, [plan.id, person]);

  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const company = orgs.data?.items.find((o) => o.id === plan.company)?.name ?? 'the company';

  return (
    <Page
      title={`Plan: ${plan.title}`}
      lead={`${company} · period ${plan.period}${plan.archived ? ' · archived (read-only)' : ''}`}
    >
      <Group gap="sm">
        <Anchor component={Link} to="/plans">
          All plans
        </Anchor>
        <Badge color={connected ? 'teal' : 'gray'} variant="light" role="status">
          {connected ? (synced ? 'Live' : 'Connecting…') : 'Offline, reconnecting'}
        </Badge>
      </Group>
      {closed && (
        <Alert color="red" role="alert" title="Disconnected">
          {closed}
        </Alert>
      )}
      {!writable && (
        <Alert color="blue" variant="light" title="Read-only">
          {plan.archived
            ? 'This plan is archived: it can be read but no longer changed.'
            : "You can read this plan. Its company's editors and the conveners' editors change it."}
        </Alert>
      )}
      {denied && writable && (
        <Alert color="orange" role="alert" title="Changes refused">
          The hub refused your changes: your role no longer allows editing this plan. Reload the page.
        </Alert>
      )}
      {live && synced ? (
        <PlanBody live={live} writable={writable} person={person} session={session} />
      ) : (
        !closed && <Loading label="Connecting to the plan…" />
      )}
      {live && synced && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <VersionsPanel plan={plan} writable={writable} />
          {writable && <GapsPanel plan={plan} />}
        </SimpleGrid>
      )}
    </Page>
  );
}

/** Re-renders on every change of the plan (local or remote) and of who is here. */
function useObserved(live: Live) {
  const [, setTick] = useState(0);
  useEffect(() => {
    const bump = () => setTick((t) => t + 1);
    const map = live.doc.getMap('plan');
    map.observeDeep(bump);
    live.provider.awareness.on('change', bump);
    return () => {
      map.unobserveDeep(bump);
      live.provider.awareness.off('change', bump);
    };
  }, [live]);
}

function PlanBody({
  live,
  writable,
  person,
  session,
}: {
  live: Live;
  writable: boolean;
  person: Person;
  session: Session;
}) {
  useObserved(live);
  const map = live.doc.getMap('plan');
  const categories = map.get('categories');
  if (!(categories instanceof Y.Map))
    return (
      <Alert color="red" role="alert" title="This plan cannot be shown">
        The plan has no categories. The hub creates them with the plan; tell the hub operator.
      </Alert>
    );
  const title = map.get('title');
  return (
    <Stack gap="md">
      <Presence live={live} />
      <TextInput
        label="Plan title"
        value={typeof title === 'string' ? title : ''}
        onChange={(e) => map.set('title', e.currentTarget.value)}
        readOnly={!writable}
        maxLength={200}
        maw={640}
      />
      {CATEGORIES.map(([key, label]) => {
        const list = categories.get(key);
        return list instanceof Y.Array ? (
          <CategorySection
            key={key}
            category={key}
            label={label}
            list={list as Y.Array<YActivity>}
            live={live}
            writable={writable}
            person={person}
          />
        ) : null;
      })}
      <Text size="xs" c="dimmed">
        Signed in as {session.email}. Changes are saved as you type and reach everyone in the plan.
      </Text>
    </Stack>
  );
}

function Presence({ live }: { live: Live }) {
  const me = live.doc.clientID;
  const people = [...live.provider.awareness.getStates().entries()]
    .map(([id, s]) => ({ id, user: (s as { user?: Person }).user }))
    .filter((p): p is { id: number; user: Person } => Boolean(p.user?.name));
  return (
    <section aria-labelledby="who-is-here">
      <Text size="sm" fw={600} id="who-is-here">
        Who is here
      </Text>
      <List listStyleType="none" spacing={4} mt={4} aria-live="polite" className="presence-list">
        {people.map(({ id, user }) => (
          <List.Item key={id} display="inline-block" mr="xs">
            <Badge
              variant="outline"
              color="dark"
              tt="none"
              leftSection={
                <span
                  className="presence-dot"
                  data-color={user.color}
                  ref={(el) => {
                    if (el) el.style.backgroundColor = user.color;
                  }}
                />
              }
            >
              {user.name}
              {id === me ? ' (you)' : ''}
            </Badge>
          </List.Item>
        ))}
      </List>
    </section>
  );
}

function CategorySection({
  category,
  label,
  list,
  live,
  writable,
  person,
}: {
  category: Category;
  label: string;
  list: Y.Array<YActivity>;
  live: Live;
  writable: boolean;
  person: Person;
}) {
  const headingId = `cat-${category}`;
  const activities = list.toArray();
  return (
    <Card withBorder component="section" aria-labelledby={headingId} padding="sm">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {label}{' '}
            <Text span c="dimmed" size="sm">
              ({activities.length} {activities.length === 1 ? 'activity' : 'activities'})
            </Text>
          </Title>
          {writable && (
            <Button
              size="xs"
              variant="light"
              aria-label={`Add activity to ${label}`}
              onClick={() =>
                live.doc.transact(() => {
                  const a = new Y.Map<unknown>();
                  list.push([a]);
                  a.set('id', crypto.randomUUID());
                  a.set('title', '');
                  a.set('owner', '');
                  a.set('due', '');
                  a.set('status', 'planned');
                  a.set('description', new Y.XmlFragment());
                  a.set('indicators', new Y.Array());
                })
              }
            >
              Add activity
            </Button>
          )}
        </Group>
        {activities.length === 0 && (
          <Text size="sm" c="dimmed">
            No activities yet.
          </Text>
        )}
        {activities.map((a, i) => (
          <ActivityCard
            key={String(a.get('id') ?? i)}
            activity={a}
            live={live}
            writable={writable}
            person={person}
            onRemove={() => {
              const at = list.toArray().indexOf(a);
              if (at >= 0) list.delete(at, 1);
            }}
          />
        ))}
      </Stack>
    </Card>
  );
}

/** A stable React key for a Y type without an id of its own: the id of the item that holds it. */
const yKey = (t: { _item: Y.Item | null }) => (t._item ? `${t._item.id.client}:${t._item.id.clock}` : 'new');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function ActivityCard({
  activity,
  live,
  writable,
  person,
  onRemove,
}: {
  activity: YActivity;
  live: Live;
  writable: boolean;
  person: Person;
  onRemove: () => void;
}) {
  const uid = useId();
  const title = str(activity.get('title'));
  const provision = str(activity.get('provision'));
  const description = activity.get('description');
  const indicators = activity.get('indicators');
  const name = title || 'Untitled activity';
  return (
    <Card withBorder radius="sm" padding="sm" role="group" aria-label={`Activity: ${name}`} bg="gray.0">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            {provision && (
              <Badge variant="light" color="indigo">
                {provision}
              </Badge>
            )}
          </Group>
          {writable && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onRemove}
              aria-label={`Remove activity ${name}`}
            >
              Remove
            </Button>
          )}
        </Group>
        <TextInput
          label="Activity title"
          value={title}
          onChange={(e) => activity.set('title', e.currentTarget.value)}
          readOnly={!writable}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <TextInput
            label="Owner"
            value={str(activity.get('owner'))}
            onChange={(e) => activity.set('owner', e.currentTarget.value)}
            readOnly={!writable}
          />
          <TextInput
            label="Due date"
            type="date"
            value={str(activity.get('due'))}
            onChange={(e) => activity.set('due', e.currentTarget.value)}
            readOnly={!writable}
          />
          <NativeSelect
            label="Status"
            data={STATUSES}
            value={str(activity.get('status')) || 'planned'}
            onChange={(e) => activity.set('status', e.currentTarget.value)}
            disabled={!writable}
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} id={`${uid}-desc`} mb={4}>
            Description
          </Text>
          {description instanceof Y.XmlFragment ? (
            <Description
              fragment={description}
              provider={live.provider}
              person={person}
              writable={writable}
              labelId={`${uid}-desc`}
            />
          ) : (
            <Text size="sm" c="dimmed">
              No description.
            </Text>
          )}
        </div>
        {indicators instanceof Y.Array && (
          <Indicators
            list={indicators as Y.Array<Y.Map<unknown>>}
            live={live}
            writable={writable}
            activity={name}
          />
        )}
      </Stack>
    </Card>
  );
}

function Indicators({
  list,
  live,
  writable,
  activity,
}: {
  list: Y.Array<Y.Map<unknown>>;
  live: Live;
  writable: boolean;
  activity: string;
}) {
  const items = list.toArray();
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Indicators
        </Text>
        {writable && (
          <Button
            size="xs"
            variant="default"
            aria-label={`Add indicator to ${activity}`}
            onClick={() =>
              live.doc.transact(() => {
                const m = new Y.Map<unknown>();
                list.push([m]);
                m.set('name', '');
                m.set('target', 0);
                m.set('actual', 0);
              })
            }
          >
            Add indicator
          </Button>
        )}
      </Group>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          No indicators.
        </Text>
      )}
      {items.map((m, i) => (
        <SimpleGrid
          key={yKey(m)}
          cols={{ base: 1, xs: 2, sm: 5 }}
          spacing="xs"
          role="group"
          aria-label={`Indicator ${i + 1}`}
        >
          <TextInput
            label="Indicator"
            value={str(m.get('name'))}
            onChange={(e) => m.set('name', e.currentTarget.value)}
            readOnly={!writable}
          />
          <NativeSelect
            label="Kind"
            data={[{ value: '', label: 'Free-form' }, ...INDICATOR_KINDS]}
            value={str(m.get('kind'))}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (v) m.set('kind', v);
              else m.delete('kind');
            }}
            disabled={!writable}
          />
          <NumberInput
            label="Target"
            value={num(m.get('target'))}
            min={0}
            allowNegative={false}
            onChange={(v) => typeof v === 'number' && m.set('target', v)}
            readOnly={!writable}
          />
          <NumberInput
            label="Actual"
            value={num(m.get('actual'))}
            min={0}
            allowNegative={false}
            onChange={(v) => typeof v === 'number' && m.set('actual', v)}
            readOnly={!writable}
          />
          {writable && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              mt={{ base: 0, sm: 24 }}
              aria-label={`Remove indicator ${i + 1} of ${activity}`}
              onClick={() => list.delete(list.toArray().indexOf(m), 1)}
            >
              Remove
            </Button>
          )}
        </SimpleGrid>
      ))}
    </Stack>
  );
}
