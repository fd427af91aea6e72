/** The action plans the person may read, and (conveners' editors) a form to start one. */
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, enc } from '../../api.ts';
import { type Org, OrgSelect } from '../../components/OrgSelect.tsx';
import { day, Page } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { useSignedIn } from '../../session.tsx';
import { convenerWriter, type PlanSummary } from './model.ts';

export default function PlansPage() {
  const session = useSignedIn();
  const plans = useApi<{ items: PlanSummary[] }>('/api/v1/plans?limit=200');
  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const orgName = (id: string) => orgs.data?.items.find((o) => o.id === id)?.name ?? id;
  return (
    <Page
      title="Action plans"
      lead="Each company's confidential action plans, one per period, co-edited live by its staff and the conveners."
    >
      {convenerWriter(session) && <CreatePlan />}
      <Async state={plans} label="Loading plans…">
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">
              No action plans yet.{' '}
              {convenerWriter(session)
                ? 'Start one above.'
                : "A convener's editor starts a company's plan; it appears here then."}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={560}>
              <Table striped highlightOnHover aria-label="Action plans">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Plan</Table.Th>
                    <Table.Th>Company</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th>Started</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Anchor component={Link} to={`/plans/${enc(p.id)}`}>
                            {p.title}
                          </Anchor>
                          {p.archived && (
                            <Badge color="gray" variant="light">
                              Archived
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{orgName(p.company)}</Table.Td>
                      <Table.Td>{p.period}</Table.Td>
                      <Table.Td>{day(p.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Async>
    </Page>
  );
}

function CreatePlan() {
  const navigate = useNavigate();
  const [company, setCompany] = useState<Org | null>(null);
  const [period, setPeriod] = useState(String(new Date().getFullYear() + 1));
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const periodOk = /^[0-9]{4}(-(H[12]|Q[1-4]))?$/.test(period);
  return (
    <Card withBorder component="section" aria-labelledby="new-plan">
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!company) return;
          setBusy(true);
          setError(undefined);
          try {
            const plan = await api<PlanSummary>(`/api/v1/orgs/${enc(company.id)}/plans`, {
              method: 'POST',
              body: { period, title: title.trim() },
            });
            navigate(`/plans/${enc(plan.id)}`);
          } catch (err) {
            setError(err as Error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4" id="new-plan">
            Start a plan
          </Title>
          <OrgSelect kinds={['company']} value={company?.id ?? null} onChange={setCompany} label="Company" />
          <Group align="flex-start" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput
              label="Period"
              description="A year (2027), a half (2027-H1) or a quarter (2027-Q3)"
              value={period}
              onChange={(e) => setPeriod(e.currentTarget.value.trim())}
              error={period && !periodOk ? 'Write a year, a half or a quarter, e.g. 2027-H1' : undefined}
              required
              miw={200}
            />
            <TextInput
              label="Title"
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={200}
              required
              miw={240}
            />
          </Group>
          {error && <ErrorNotice error={error} title="The plan was not created" />}
          <Group>
            <Button type="submit" loading={busy} disabled={!company || !periodOk || !title.trim()}>
              Create plan
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
