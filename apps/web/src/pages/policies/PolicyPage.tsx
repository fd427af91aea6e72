/** Policy alignment: submit (paste or upload) the company policy; the history of submissions with the score over time. */
import { LineChart } from '@mantine/charts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  FileButton,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiProblem, enc, type FieldError, request } from '../../api.ts';
import { type Org, OrgSelect } from '../../components/OrgSelect.tsx';
import { Page, when } from '../../components/Page.tsx';
import { Async, ErrorNotice } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { YamlEditor } from './YamlEditor.tsx';

interface SubmissionSummary {
  id: string;
  submittedAt: string;
  frameworkVersion: string;
  score: number;
  summary: { counts?: Record<string, number>; mustGaps?: number } | null;
}
interface Edition {
  version: string;
  title: string;
}

const STARTER = `kind: company-policy
company: Example Market
framework: "2020"
provenance: illustrative
rules:
  - id: ivory
    title: Ivory and ivory products
    scope:
      speciesGroups: [elephant]
`;

function History({ org }: { org: Org }) {
  const subs = useApi<{ items: SubmissionSummary[] }>(`/api/v1/orgs/${enc(org.id)}/policies?limit=200`);
  return (
    <Card withBorder component="section" aria-labelledby="history-title">
      <Title order={3} size="h4" id="history-title" mb="sm">
        Submissions and score over time
      </Title>
      <Async state={subs} label="Loading the submissions…">
        {(d) =>
          d.items.length === 0 ? (
            <Text size="sm">No submission yet for {org.name}.</Text>
          ) : (
            <Stack>
              <figure style={{ margin: 0 }} aria-label={`Alignment score of ${org.name} over time`}>
                <LineChart
                  h={220}
                  data={[...d.items]
                    .reverse()
                    .map((s) => ({ date: new Date(s.submittedAt).toLocaleDateString(), score: s.score }))}
                  dataKey="date"
                  series={[{ name: 'score', color: 'teal.6', label: 'Score (0-100)' }]}
                  yAxisProps={{ domain: [0, 100] }}
                  curveType="linear"
                />
              </figure>
              <Table.ScrollContainer minWidth={480}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Submitted</Table.Th>
                      <Table.Th>Edition</Table.Th>
                      <Table.Th>Score</Table.Th>
                      <Table.Th>Must gaps</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.items.map((s) => (
                      <Table.Tr key={s.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/orgs/${enc(org.id)}/policies/${enc(s.id)}`}>
                            {when(s.submittedAt)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{s.frameworkVersion}</Table.Td>
                        <Table.Td>{s.score}</Table.Td>
                        <Table.Td>{s.summary?.mustGaps ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          )
        }
      </Async>
    </Card>
  );
}

export default function PolicyPage() {
  const [org, setOrg] = useState<Org | null>(null);
  const [text, setText] = useState(STARTER);
  const [edition, setEdition] = useState<string | null>('latest');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [fileName, setFileName] = useState<string>();
  const editions = useApi<{ items: Edition[]; latest: string }>('/api/v1/frameworks');
  const navigate = useNavigate();
  const pick = useCallback((o: Org | null) => setOrg(o), []);

  const submit = async () => {
    if (!org) return;
    setBusy(true);
    setError(undefined);
    setErrors([]);
    try {
      const json = text.trimStart().startsWith('{');
      const res = await request(
        `/api/v1/orgs/${enc(org.id)}/policies?framework=${enc(edition ?? 'latest')}`,
        {
          method: 'POST',
          body: text,
          contentType: json ? 'application/json' : 'application/yaml',
        },
      );
      const id = res.headers.get('location')?.split('/').pop();
      navigate(`/orgs/${enc(org.id)}/policies/${enc(id ?? '')}`);
    } catch (e) {
      if (e instanceof ApiProblem && e.errors.length) setErrors(e.errors);
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title="Policy alignment"
      lead="Submit your platform's policy to see how it aligns with the Prohibited Wildlife Policy Framework."
    >
      <Group align="flex-end">
        <OrgSelect kinds={['company']} value={org?.id ?? null} onChange={pick} label="Company" />
        <Select
          label="Framework edition"
          data={[
            { value: 'latest', label: `latest${editions.data ? ` (${editions.data.latest})` : ''}` },
            ...(editions.data?.items ?? []).map((e) => ({
              value: e.version,
              label: `${e.version} — ${e.title}`,
            })),
          ]}
          value={edition}
          onChange={setEdition}
          allowDeselect={false}
          maw={360}
        />
      </Group>
      <Card withBorder component="section" aria-labelledby="submit-title">
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4" id="submit-title">
              Company policy (YAML or JSON)
            </Title>
            <FileButton
              accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
              onChange={async (f) => {
                if (!f) return;
                setFileName(f.name);
                setErrors([]);
                setText(await f.text());
              }}
            >
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  Upload a file…
                </Button>
              )}
            </FileButton>
          </Group>
          {fileName && (
            <Text size="xs" c="dimmed">
              Loaded {fileName}
            </Text>
          )}
          <YamlEditor value={text} onChange={setText} errors={errors} label="Company policy document" />
          {error && (
            <Stack gap="xs">
              <ErrorNotice
                error={error}
                title={
                  errors.length
                    ? `The policy has ${errors.length} problem${errors.length > 1 ? 's' : ''}`
                    : 'Not submitted'
                }
              />
              {errors.length > 0 && (
                <List size="sm" aria-label="Problems by line" data-testid="policy-errors">
                  {errors.map((e) => (
                    <List.Item key={`${e.line}:${e.col}:${e.message}`}>
                      <Badge size="xs" color="red" mr={6}>
                        line {e.line ?? '?'}
                        {e.col ? `:${e.col}` : ''}
                      </Badge>
                      {e.message}
                    </List.Item>
                  ))}
                </List>
              )}
            </Stack>
          )}
          <Group>
            <Button onClick={submit} loading={busy} disabled={!org}>
              Submit and see the alignment report
            </Button>
          </Group>
          <Alert variant="light" color="gray">
            The format is described in docs/company-policy-format.md. Submissions are stored as sent and
            cannot be changed; each one adds a point to the history.
          </Alert>
        </Stack>
      </Card>
      {org && <History org={org} />}
    </Page>
  );
}
