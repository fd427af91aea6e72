/** Action plans: the plans the caller may read, and a new plan for a company. */
import { Anchor, Badge, Button, Card, Group, Stack, Table, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, enc } from '../../api.ts';
import { type Org, OrgSelect } from '../../components/OrgSelect.tsx';
import { day, Page } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';

interface PlanSummary {
  id: string;
  company: string;
  period: string;
  title: string;
  archived: boolean;
  createdAt: string;
}

export default function PlansPage() {
  const plans = useApi<{ items: PlanSummary[] }>('/api/v1/plans?limit=200');
  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const [org, setOrg] = useState<Org | null>(null);
  const pick = useCallback((o: Org | null) => setOrg(o), []);
  const [error, setError] = useState<Error>();
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { title: '', period: String(new Date().getFullYear() + 1) },
    validate: {
      title: (v) => (v.trim() ? null : 'Give the plan a title'),
      period: (v) =>
        /^\d{4}(-(H[12]|Q[1-4]))?$/.test(v.trim()) ? null : 'A year such as 2027, or 2027-H1, 2027-Q3',
    },
  });
  const name = (id: string) => orgs.data?.items.find((o) => o.id === id)?.name ?? id;
  return (
    <Page
      title="Action plans"
      lead="Each company's confidential plans, co-edited live by its staff and the conveners."
    >
      <Group>
        <Anchor component={Link} to="/progress">
          Coalition progress
        </Anchor>
      </Group>
      <Card withBorder component="section" aria-labelledby="plans-title">
        <Title order={3} size="h4" id="plans-title" mb="xs">
          Plans
        </Title>
        <Async state={plans} label="Loading the plans…">
          {(d) => (
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Plan</Table.Th>
                    <Table.Th>Company</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th>Created</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/plans/${enc(p.id)}`}>
                          {p.title}
                        </Anchor>{' '}
                        {p.archived && (
                          <Badge size="xs" color="gray">
                            archived
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{name(p.company)}</Table.Td>
                      <Table.Td>{p.period}</Table.Td>
                      <Table.Td>{day(p.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Async>
      </Card>
      <Card withBorder component="section" aria-labelledby="new-plan-title">
        <Title order={3} size="h4" id="new-plan-title" mb="xs">
          New plan
        </Title>
        {error && <ErrorNotice error={error} title="Not created" />}
        <form
          onSubmit={form.onSubmit(async (v) => {
            if (!org) return;
            setError(undefined);
            try {
              const p = await api<{ id: string }>(`/api/v1/orgs/${enc(org.id)}/plans`, {
                method: 'POST',
                body: { title: v.title.trim(), period: v.period.trim() },
              });
              navigate(`/plans/${enc(p.id)}`);
            } catch (e) {
              setError(e as Error);
            }
          })}
        >
          <Stack>
            <OrgSelect kinds={['company']} value={org?.id ?? null} onChange={pick} label="Company" />
            <Group align="flex-end">
              <TextInput label="Title" {...form.getInputProps('title')} maxLength={200} />
              <TextInput label="Period" {...form.getInputProps('period')} w={120} />
              <Button type="submit" disabled={!org}>
                Create
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </Page>
  );
}
