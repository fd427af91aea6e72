/** Compare two framework editions; with a submission, also what that policy must change for the newer one. */
import { Alert, Badge, Card, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { enc } from '../../api.ts';
import { Page } from '../../components/Page.tsx';
import { Async } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { VERDICT_COLOR, type Verdict } from './verdicts.ts';

interface Edition {
  version: string;
  title: string;
}
interface Changes {
  from: { version: string; title: string };
  to: { version: string; title: string };
  summary: { breaking: number; relaxing: number; editorial: number };
  changes: Array<{
    rule: string;
    level: 'breaking' | 'relaxing' | 'editorial';
    provision?: string;
    message: string;
  }>;
  policy?: {
    company: string;
    scoreFrom: number;
    scoreTo: number;
    actions: Array<{
      provision: string;
      title: string;
      level: string;
      verdictFrom?: Verdict;
      verdictTo: Verdict;
      todo: string[];
    }>;
    obsolete: Array<{ provision: string; message: string }>;
  };
}

const LEVEL_COLOR = { breaking: 'red', relaxing: 'green', editorial: 'gray' } as const;

function ChangesView({ c }: { c: Changes }) {
  return (
    <Stack>
      <Group gap="xs">
        <Badge color="red" variant="light">
          {c.summary.breaking} breaking
        </Badge>
        <Badge color="green" variant="light">
          {c.summary.relaxing} relaxing
        </Badge>
        <Badge color="gray" variant="light">
          {c.summary.editorial} editorial
        </Badge>
      </Group>
      {c.policy && (
        <Card withBorder component="section" aria-labelledby="impact-title">
          <Stack>
            <Title order={3} size="h4" id="impact-title">
              What {c.policy.company} must change for edition {c.to.version}
            </Title>
            <Text size="sm">
              Score {Math.round(c.policy.scoreFrom)} under {c.from.version} → {Math.round(c.policy.scoreTo)}{' '}
              under {c.to.version}
            </Text>
            {c.policy.actions.length === 0 ? (
              <Text size="sm">Nothing: the policy meets every provision it met before.</Text>
            ) : (
              <List spacing="sm" data-testid="policy-actions">
                {c.policy.actions.map((a) => (
                  <List.Item key={a.provision}>
                    <Text size="sm" fw={600}>
                      {a.provision} {a.title} ({a.level}){' '}
                      <Badge size="xs" color={VERDICT_COLOR[a.verdictTo]}>
                        {a.verdictTo}
                      </Badge>
                    </Text>
                    <List size="xs" withPadding>
                      {a.todo.map((t) => (
                        <List.Item key={t}>{t}</List.Item>
                      ))}
                    </List>
                  </List.Item>
                ))}
              </List>
            )}
            {c.policy.obsolete.length > 0 && (
              <Alert color="yellow" title="No longer applies">
                <List size="sm">
                  {c.policy.obsolete.map((o) => (
                    <List.Item key={`${o.provision}-${o.message}`}>{o.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
          </Stack>
        </Card>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Level</Table.Th>
              <Table.Th>Provision</Table.Th>
              <Table.Th>Change</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.changes.map((x, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: changes have no id; the list is static
              <Table.Tr key={i}>
                <Table.Td>
                  <Badge color={LEVEL_COLOR[x.level]} variant="light">
                    {x.level}
                  </Badge>
                </Table.Td>
                <Table.Td>{x.provision ?? '—'}</Table.Td>
                <Table.Td>
                  <Text size="sm">{x.message}</Text>
                  <Text size="xs" c="dimmed">
                    {x.rule}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

export default function ComparePage() {
  const [params, setParams] = useSearchParams();
  const editions = useApi<{ items: Edition[]; latest: string }>('/api/v1/frameworks');
  const items = editions.data?.items ?? [];
  const from = params.get('from') ?? items[0]?.version ?? null;
  const to = params.get('to') ?? editions.data?.latest ?? null;
  const org = params.get('org');
  const submission = params.get('submission');
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    setParams(next, { replace: true });
  };
  const path =
    from && to
      ? org && submission
        ? `/api/v1/orgs/${enc(org)}/policies/${enc(submission)}/changes/${enc(to)}`
        : `/api/v1/frameworks/${enc(from)}/changes/${enc(to)}`
      : null;
  const changes = useApi<Changes>(path);
  const data = items.map((e) => ({ value: e.version, label: `${e.version} — ${e.title}` }));
  return (
    <Page
      title="Compare framework editions"
      lead="What changed between two editions of the framework, and — for a submitted policy — what it must change."
    >
      <Group align="flex-end">
        <Select
          label="From edition"
          data={data}
          value={from}
          onChange={(v) => set('from', v)}
          allowDeselect={false}
          disabled={Boolean(submission)}
          maw={300}
        />
        <Select
          label="To edition"
          data={data}
          value={to}
          onChange={(v) => set('to', v)}
          allowDeselect={false}
          maw={300}
        />
      </Group>
      {submission && (
        <Text size="sm" c="dimmed">
          Showing the impact on the submission you came from (assessed against {from}).
        </Text>
      )}
      <Async state={changes} label="Comparing the editions…">
        {(c) => <ChangesView c={c} />}
      </Async>
    </Page>
  );
}
