/** Coalition progress: each indicator kind's target and actual summed over the companies' plans. */
import { Progress as Bar, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { enc } from '../../api.ts';
import type { Org } from '../../components/OrgSelect.tsx';
import { Page } from '../../components/Page.tsx';
import { Async } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { isConvener, useSignedIn } from '../../session.tsx';
import { kindLabel, type Progress, type ProgressFigure } from './model.ts';

const PERIOD = /^[0-9]{4}(-(H[12]|Q[1-4]))?$/;
const pct = (f: ProgressFigure) =>
  f.target > 0 ? Math.min(100, Math.round((f.actual / f.target) * 100)) : 0;
const fmt = (n: number) => n.toLocaleString();

function Figures({ figures, label }: { figures: ProgressFigure[]; label: string }) {
  if (figures.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No indicator of the shared vocabulary in these plans yet.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Indicator</Table.Th>
            <Table.Th ta="right">Actual</Table.Th>
            <Table.Th ta="right">Target</Table.Th>
            <Table.Th>Progress</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {figures.map((f) => (
            <Table.Tr key={f.kind}>
              <Table.Td>{kindLabel(f.kind)}</Table.Td>
              <Table.Td ta="right">{fmt(f.actual)}</Table.Td>
              <Table.Td ta="right">{fmt(f.target)}</Table.Td>
              <Table.Td miw={100}>
                <Bar value={pct(f)} aria-label={`${kindLabel(f.kind)}: ${pct(f)}% of target`} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export default function ProgressPage() {
  const session = useSignedIn();
  const [period, setPeriod] = useState(String(new Date().getFullYear() + 1));
  const ok = PERIOD.test(period);
  const progress = useApi<Progress>(ok ? `/api/v1/progress?period=${enc(period)}` : null);
  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const orgName = (id: string) => orgs.data?.items.find((o) => o.id === id)?.name ?? id;
  return (
    <Page
      title="Coalition progress"
      lead={
        isConvener(session)
          ? "Indicator targets and actuals summed over every company's plans of a period."
          : "Your company's indicator targets and actuals for a period (conveners see the whole Coalition)."
      }
    >
      <TextInput
        label="Period"
        description="A year (2027), a half (2027-H1) or a quarter (2027-Q3)"
        value={period}
        onChange={(e) => setPeriod(e.currentTarget.value.trim())}
        error={ok ? undefined : 'Write a year, a half or a quarter, e.g. 2027-H1'}
        maw={260}
      />
      {ok && (
        <Async state={progress} label="Summing the plans…">
          {(p) => (
            <Stack gap="md">
              <Card withBorder component="section" aria-labelledby="totals" padding="sm">
                <Title order={3} size="h4" id="totals" mb="xs">
                  Coalition totals, {p.period}
                </Title>
                <Figures figures={p.indicators} label={`Coalition totals ${p.period}`} />
              </Card>
              {p.companies.length === 0 ? (
                <Text c="dimmed">No plans for {p.period}.</Text>
              ) : (
                p.companies.map((c) => (
                  <Card
                    key={c.company}
                    withBorder
                    component="section"
                    aria-label={orgName(c.company)}
                    padding="sm"
                  >
                    <Group justify="space-between" mb="xs">
                      <Title order={3} size="h5">
                        {orgName(c.company)}
                      </Title>
                      <Text size="sm" c="dimmed">
                        {c.plans.length} {c.plans.length === 1 ? 'plan' : 'plans'}
                      </Text>
                    </Group>
                    <Figures figures={c.indicators} label={`${orgName(c.company)} ${p.period}`} />
                  </Card>
                ))
              )}
            </Stack>
          )}
        </Async>
      )}
    </Page>
  );
}
