/** Conveners' analysts publish a trend alert (or a network report as JSON), seeing first which agencies get a package. */
import {
  Alert,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { api } from '../../api.ts';
import { Page } from '../../components/Page.tsx';
import { ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { SPECIES_GROUPS } from '../policies/verdicts.ts';

interface Org {
  id: string;
  slug: string;
  name: string;
  kind: string;
  agencies?: string[];
}
const TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'];
const KINDS = ['search-word', 'hashtag', 'emoji', 'code-word', 'associated-term'];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export default function PublishPage() {
  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const [kind, setKind] = useState<'alert' | 'report'>('alert');
  const [error, setError] = useState<Error>();
  const [result, setResult] = useState<{
    id: string;
    packages: Array<{ packageId: string; recipient: string }>;
  }>();
  const form = useForm({
    initialValues: {
      tlp: 'GREEN',
      recipients: [] as string[],
      handling: 'H1',
      handlingNote: '',
      source: 'B',
      information: 2,
      expires: inDays(90),
      title: '',
      summary: '',
      report: '',
      terms: [
        {
          text: '',
          kind: 'code-word',
          groups: [] as string[],
          language: 'en',
          firstSeen: inDays(0),
          confidence: 'medium',
        },
      ],
    },
    validate: {
      recipients: (v) => (v.length ? null : 'Choose at least one agency or taskforce'),
      title: (v, all) => (kind === 'report' || v.trim() ? null : all && 'Give the alert a title'),
      handlingNote: (v, all) =>
        all.handling === 'H3' && !v.trim() ? 'H3 needs the restriction written out' : null,
    },
  });
  const byId = useMemo(() => new Map((orgs.data?.items ?? []).map((o) => [o.id, o])), [orgs.data]);
  const recipientsData = (orgs.data?.items ?? [])
    .filter((o) => o.kind === 'agency' || o.kind === 'taskforce')
    .map((o) => ({ value: o.id, label: `${o.name}${o.kind === 'taskforce' ? ' (taskforce)' : ''}` }));
  // Who gets a package: agencies as named, taskforces expanded to their member agencies.
  const preview = useMemo(() => {
    const out = new Map<string, string[]>();
    for (const id of form.values.recipients) {
      const o = byId.get(id);
      if (!o) continue;
      const agencies = o.kind === 'taskforce' ? (o.agencies ?? []) : [o.id];
      for (const a of agencies)
        out.set(a, [...(out.get(a) ?? []), o.kind === 'taskforce' ? `via ${o.name}` : 'named']);
    }
    return [...out.entries()];
  }, [form.values.recipients, byId]);
  const encrypted = kind === 'report' || ['AMBER', 'AMBER+STRICT', 'RED'].includes(form.values.tlp);

  const submit = form.onSubmit(async (v) => {
    setError(undefined);
    setResult(undefined);
    const common = {
      tlp: v.tlp,
      recipients: v.recipients,
      handling: v.handling,
      ...(v.handling === 'H3' ? { handlingNote: v.handlingNote.trim() } : {}),
      grades: { source: v.source, information: v.information },
      expires: new Date(`${v.expires}T23:59:59Z`).toISOString(),
    };
    try {
      let body: unknown;
      if (kind === 'alert')
        body = {
          ...common,
          alert: {
            title: v.title.trim(),
            summary: v.summary.trim(),
            provenance: 'illustrative',
            terms: v.terms.filter((t) => t.text.trim()),
          },
        };
      else {
        let report: unknown;
        try {
          report = JSON.parse(v.report);
        } catch (e) {
          throw new Error(`The network report is not valid JSON: ${(e as Error).message}`);
        }
        body = { ...common, report };
      }
      setResult(
        await api(`/api/v1/intel/${kind === 'alert' ? 'alerts' : 'networks'}`, {
          method: 'POST',
          body,
          headers: { 'idempotency-key': crypto.randomUUID() },
        }),
      );
    } catch (e) {
      setError(e as Error);
    }
  });

  return (
    <Page
      title="Publish intelligence"
      lead="Send a trend alert or a network report to law-enforcement agencies: one signed package per agency."
    >
      {error && <ErrorNotice error={error} title="Not published: nothing was sent" />}
      {result && (
        <Alert color="green" role="status" title="Published">
          {result.packages.length} package{result.packages.length === 1 ? '' : 's'} sent:{' '}
          {result.packages.map((p) => byId.get(p.recipient)?.name ?? p.recipient).join(', ')}.
        </Alert>
      )}
      <form onSubmit={submit}>
        <Stack>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'alert' | 'report')}
            data={[
              { value: 'alert', label: 'Trend alert' },
              { value: 'report', label: 'Network report' },
            ]}
            aria-label="What to publish"
          />
          <Card withBorder component="section" aria-labelledby="dist-title">
            <Stack>
              <Title order={3} size="h4" id="dist-title">
                Distribution
              </Title>
              <MultiSelect
                label="Recipients"
                data={recipientsData}
                searchable
                {...form.getInputProps('recipients')}
              />
              <Group align="flex-end">
                <Select label="TLP" data={TLP} allowDeselect={false} w={160} {...form.getInputProps('tlp')} />
                <Select
                  label="Handling"
                  data={['H0', 'H1', 'H2', 'H3']}
                  allowDeselect={false}
                  w={110}
                  {...form.getInputProps('handling')}
                />
                <Select
                  label="Source reliability"
                  data={['A', 'B', 'C', 'X']}
                  allowDeselect={false}
                  w={150}
                  {...form.getInputProps('source')}
                />
                <NumberInput
                  label="Information"
                  min={1}
                  max={4}
                  w={120}
                  {...form.getInputProps('information')}
                />
                <TextInput label="Expires" type="date" w={170} {...form.getInputProps('expires')} />
              </Group>
              {form.values.handling === 'H3' && (
                <TextInput label="Handling restriction (H3)" {...form.getInputProps('handlingNote')} />
              )}
              <div aria-live="polite" data-testid="recipients-preview">
                <Text size="sm" fw={600}>
                  Packages this will send ({preview.length})
                </Text>
                {preview.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    No agency yet.
                  </Text>
                ) : (
                  <List size="sm">
                    {preview.map(([id, why]) => (
                      <List.Item key={id}>
                        {byId.get(id)?.name ?? id} ({why.join(', ')}) —{' '}
                        {encrypted ? 'signed and encrypted to its key' : 'signed'}
                      </List.Item>
                    ))}
                  </List>
                )}
              </div>
            </Stack>
          </Card>
          {kind === 'alert' ? (
            <Card withBorder component="section" aria-labelledby="alert-title">
              <Stack>
                <Title order={3} size="h4" id="alert-title">
                  Trend alert
                </Title>
                <TextInput label="Title" {...form.getInputProps('title')} />
                <Textarea label="Summary" autosize minRows={2} {...form.getInputProps('summary')} />
                <Table.ScrollContainer minWidth={720}>
                  <Table>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Term</Table.Th>
                        <Table.Th>Kind</Table.Th>
                        <Table.Th>Species groups</Table.Th>
                        <Table.Th>Language</Table.Th>
                        <Table.Th>First seen</Table.Th>
                        <Table.Th>Confidence</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {form.values.terms.map((_, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: rows of a form list
                        <Table.Tr key={i}>
                          <Table.Td>
                            <TextInput
                              aria-label={`Term ${i + 1}`}
                              {...form.getInputProps(`terms.${i}.text`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Select
                              aria-label={`Kind of term ${i + 1}`}
                              data={KINDS}
                              allowDeselect={false}
                              {...form.getInputProps(`terms.${i}.kind`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <MultiSelect
                              aria-label={`Species groups of term ${i + 1}`}
                              data={SPECIES_GROUPS}
                              {...form.getInputProps(`terms.${i}.groups`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <TextInput
                              aria-label={`Language of term ${i + 1}`}
                              w={70}
                              {...form.getInputProps(`terms.${i}.language`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <TextInput
                              aria-label={`First seen, term ${i + 1}`}
                              type="date"
                              {...form.getInputProps(`terms.${i}.firstSeen`)}
                            />
                          </Table.Td>
                          <Table.Td>
                            <Select
                              aria-label={`Confidence in term ${i + 1}`}
                              data={['low', 'medium', 'high']}
                              allowDeselect={false}
                              {...form.getInputProps(`terms.${i}.confidence`)}
                            />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Group>
                  <Button
                    variant="subtle"
                    size="xs"
                    onClick={() =>
                      form.insertListItem('terms', {
                        text: '',
                        kind: 'code-word',
                        groups: [],
                        language: 'en',
                        firstSeen: inDays(0),
                        confidence: 'medium',
                      })
                    }
                  >
                    Add a term
                  </Button>
                </Group>
              </Stack>
            </Card>
          ) : (
            <Textarea
              label="Network report (JSON, schemas/network-report.schema.json)"
              autosize
              minRows={8}
              {...form.getInputProps('report')}
            />
          )}
          <Group>
            <Button type="submit">Publish</Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
