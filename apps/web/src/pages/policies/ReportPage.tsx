/** One submission's alignment report: score, verdicts with what is missing, waivers; filters; downloads. */
import {
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  Group,
  List,
  RingProgress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { download, enc } from '../../api.ts';
import { Page, when } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { SPECIES_GROUPS, VERDICT_COLOR, VERDICTS, type Verdict } from './verdicts.ts';

interface ProvisionResult {
  id: string;
  title: string;
  level: 'must' | 'should';
  verdict: Verdict;
  message: string;
  reason?: string;
  missing?: { scope: Array<{ text: string; speciesGroups: string[] }>; measures: Array<{ text: string }> };
  beyond?: { text: string };
  waiver?: { reason: string; expires: string; approvedBy?: string };
  expiredWaiver?: { reason: string; expires: string };
}
export interface Report {
  framework: { version: string; title: string; provenance: string };
  policy: { company: string; policyVersion?: string };
  assessedOn: string;
  summary: {
    score: number;
    counts: Record<Verdict, number>;
    mustGaps: number;
    waived: number;
    method: string;
  };
  provisions: ProvisionResult[];
  findings: Array<{ severity: string; message: string; provision?: string }>;
}
interface Submission {
  id: string;
  orgId: string;
  submittedAt: string;
  frameworkVersion: string;
  report: Report;
}
interface Edition {
  provisions: Array<{ id: string; scope?: { speciesGroups?: string[] } }>;
}

function Provisions({ report, edition }: { report: Report; edition: Edition | undefined }) {
  const [verdicts, setVerdicts] = useState<string[]>([...VERDICTS]);
  const [level, setLevel] = useState('all');
  const [group, setGroup] = useState<string | null>(null);
  const groupsOf = useMemo(
    () => new Map(edition?.provisions.map((p) => [p.id, p.scope?.speciesGroups ?? []]) ?? []),
    [edition],
  );
  const shown = report.provisions.filter(
    (p) =>
      verdicts.includes(p.verdict) &&
      (level === 'all' || p.level === level) &&
      // A provision without species groups applies to every group.
      (!group || (groupsOf.get(p.id) ?? []).length === 0 || (groupsOf.get(p.id) ?? []).includes(group)),
  );
  return (
    <Card withBorder component="section" aria-labelledby="provisions-title">
      <Stack>
        <Title order={3} size="h4" id="provisions-title">
          Provisions
        </Title>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend>
            <Text size="sm" fw={500}>
              Verdicts shown
            </Text>
          </legend>
          <Chip.Group multiple value={verdicts} onChange={setVerdicts}>
            <Group gap={6} mt={4}>
              {VERDICTS.map((v) => (
                <Chip key={v} value={v} size="xs" color={VERDICT_COLOR[v]}>
                  {v} ({report.summary.counts[v] ?? 0})
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </fieldset>
        <Group align="flex-end">
          <div>
            <Text size="sm" fw={500} id="level-label">
              Level
            </Text>
            <SegmentedControl
              aria-labelledby="level-label"
              value={level}
              onChange={setLevel}
              data={[
                { value: 'all', label: 'All' },
                { value: 'must', label: 'Must' },
                { value: 'should', label: 'Should' },
              ]}
            />
          </div>
          <Select
            label="Species group"
            placeholder="All groups"
            data={SPECIES_GROUPS}
            value={group}
            onChange={setGroup}
            clearable
            maw={220}
          />
        </Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown.length} of {report.provisions.length} provisions shown
        </Text>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="provisions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Provision</Table.Th>
                <Table.Th>Level</Table.Th>
                <Table.Th>Verdict</Table.Th>
                <Table.Th>What the report says</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p) => (
                <Table.Tr key={p.id} data-provision={p.id} data-verdict={p.verdict}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {p.id}
                    </Text>
                    <Text size="xs">{p.title}</Text>
                  </Table.Td>
                  <Table.Td>{p.level}</Table.Td>
                  <Table.Td>
                    <Badge color={VERDICT_COLOR[p.verdict]} variant="light">
                      {p.verdict}
                    </Badge>
                    {p.waiver && (
                      <Badge
                        color="gray"
                        variant="outline"
                        ml={4}
                        title={`Waived until ${p.waiver.expires}: ${p.waiver.reason}`}
                      >
                        waived
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{p.message}</Text>
                    {p.missing && (p.missing.scope.length > 0 || p.missing.measures.length > 0) && (
                      <List size="xs" mt={4}>
                        {p.missing.scope.map((g) => (
                          <List.Item key={`s-${g.text}`}>Missing: {g.text}</List.Item>
                        ))}
                        {p.missing.measures.map((m) => (
                          <List.Item key={`m-${m.text}`}>Missing measure: {m.text}</List.Item>
                        ))}
                      </List>
                    )}
                    {p.waiver && (
                      <Text size="xs" c="dimmed" mt={4}>
                        Waiver until {p.waiver.expires}: {p.waiver.reason}
                      </Text>
                    )}
                    {p.expiredWaiver && (
                      <Text size="xs" c="red" mt={4}>
                        Waiver expired on {p.expiredWaiver.expires}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

function ReportView({ sub, org }: { sub: Submission; org: string }) {
  const r = sub.report;
  const edition = useApi<Edition>(`/api/v1/frameworks/${enc(r.framework.version)}`);
  const [dlError, setDlError] = useState<Error>();
  const base = `/api/v1/orgs/${enc(org)}/policies/${enc(sub.id)}/report`;
  const score = Math.round(r.summary.score);
  return (
    <Page
      title={`Alignment: ${r.policy.company}`}
      lead={`Edition ${r.framework.version} (${r.framework.title}) · submitted ${when(sub.submittedAt)}${r.framework.provenance === 'illustrative' ? ' · illustrative edition text' : ''}`}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Group wrap="nowrap">
            <RingProgress
              size={120}
              thickness={12}
              sections={[{ value: score, color: score >= 80 ? 'green' : score >= 50 ? 'yellow' : 'red' }]}
              label={
                <Text ta="center" fw={700} size="xl" data-testid="score">
                  {score}
                </Text>
              }
              aria-label={`Score ${score} out of 100`}
            />
            <Stack gap={2}>
              <Text fw={600}>Score {score} / 100</Text>
              <Text size="sm">{r.summary.mustGaps} "must" provisions not met</Text>
              <Text size="sm">{r.summary.waived} waived</Text>
              <Text size="xs" c="dimmed">
                {r.summary.method}
              </Text>
            </Stack>
          </Group>
        </Card>
        <Card withBorder>
          <Stack gap="xs">
            <Text fw={600}>Download the report</Text>
            <Group gap="xs">
              {(
                [
                  ['markdown', 'Markdown', 'md'],
                  ['json', 'JSON', 'json'],
                  ['sarif', 'SARIF', 'sarif'],
                ] as const
              ).map(([f, label, ext]) => (
                <Button
                  key={f}
                  size="xs"
                  variant="default"
                  onClick={() => download(`${base}?format=${f}`, `alignment.${ext}`).catch(setDlError)}
                >
                  {label}
                </Button>
              ))}
            </Group>
            <Anchor
              component={Link}
              to={`/frameworks?org=${enc(org)}&submission=${enc(sub.id)}&from=${enc(r.framework.version)}`}
              size="sm"
            >
              Compare with another edition: what this policy must change
            </Anchor>
            {dlError && <ErrorNotice error={dlError} title="Download failed" />}
          </Stack>
        </Card>
      </SimpleGrid>
      {r.findings.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h4" mb="xs">
            Findings
          </Title>
          <List size="sm">
            {r.findings.map((f) => (
              <List.Item key={`${f.provision}-${f.message}`}>
                <Badge
                  size="xs"
                  color={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'gray'}
                  mr={6}
                >
                  {f.severity}
                </Badge>
                {f.message}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      <Provisions report={r} edition={edition.data} />
    </Page>
  );
}

export default function ReportPage() {
  const { org = '', id = '' } = useParams();
  const sub = useApi<Submission>(`/api/v1/orgs/${enc(org)}/policies/${enc(id)}`);
  return (
    <Async state={sub} label="Loading the alignment report…">
      {(s) => <ReportView sub={s} org={org} />}
    </Async>
  );
}
