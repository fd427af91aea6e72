/** Coalition progress: indicators with a shared kind, summed over the companies' plans of a period. */
import { Card, Group, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { enc } from '../../api.ts';
import { Page } from '../../components/Page.tsx';
import { Async } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';

interface Figure {
  kind: string;
  target: number;
  actual: number;
}
interface ProgressData {
  period: string;
  indicators: Figure[];
  companies: Array<{ company: string; plans: string[]; indicators: Figure[] }>;
}

export default function ProgressPage() {
  const [period, setPeriod] = useState(String(new Date().getFullYear() + 1));
  const [p] = useDebouncedValue(period.trim(), 300);
  const data = useApi<ProgressData>(p ? `/api/v1/progress?period=${enc(p)}` : null);
  return (
    <Page
      title="Coalition progress"
      lead="Indicators of the shared vocabulary, summed over every company's plan for the period."
    >
      <TextInput label="Period" value={period} onChange={(e) => setPeriod(e.currentTarget.value)} w={160} />
      <Async state={data} label="Summing the indicators…">
        {(d) => (
          <Stack>
            <Card withBorder component="section" aria-labelledby="sum-title">
              <Title order={3} size="h4" id="sum-title" mb="xs">
                All companies, {d.period}
              </Title>
              {d.indicators.length === 0 ? (
                <Text size="sm">No indicator with a shared kind in the plans of {d.period} yet.</Text>
              ) : (
                <Stack>
                  {d.indicators.map((f) => (
                    <div key={f.kind}>
                      <Group justify="space-between">
                        <Text size="sm" fw={600}>
                          {f.kind}
                        </Text>
                        <Text size="sm">
                          {f.actual} of {f.target}
                        </Text>
                      </Group>
                      <Progress
                        value={f.target ? Math.min(100, (100 * f.actual) / f.target) : 0}
                        aria-label={`${f.kind}: ${f.actual} of ${f.target}`}
                      />
                    </div>
                  ))}
                </Stack>
              )}
            </Card>
            <Table.ScrollContainer minWidth={480}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Company</Table.Th>
                    <Table.Th>Plans</Table.Th>
                    <Table.Th>Indicators (actual / target)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.companies.map((c) => (
                    <Table.Tr key={c.company}>
                      <Table.Td>{c.company}</Table.Td>
                      <Table.Td>{c.plans.length}</Table.Td>
                      <Table.Td>
                        {c.indicators.map((f) => `${f.kind}: ${f.actual}/${f.target}`).join('; ') || '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        )}
      </Async>
    </Page>
  );
}
