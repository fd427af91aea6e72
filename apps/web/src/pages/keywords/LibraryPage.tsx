/** The keyword library: every term with group, kind, language and provenance; filters; versions and changes. */
import {
  Badge,
  Card,
  Group,
  MultiSelect,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Page } from '../../components/Page.tsx';
import { Async } from '../../components/Status.tsx';
import { useApi } from '../../hooks.ts';
import { SPECIES_GROUPS } from '../policies/verdicts.ts';

interface Term {
  id: string;
  group: string;
  text: string;
  kind: string;
  language: string;
  provenance: string;
  ambiguous?: boolean;
  note?: string;
  added: number;
  changed?: number;
}
interface Library {
  version: number;
  title?: string;
  changelog: Array<{ version: number; date: string; summary: string }>;
  terms: Term[];
  removed: Array<{ id: string; text: string; removed: number; reason?: string }>;
}

const KINDS = ['search-word', 'hashtag', 'emoji', 'code-word', 'associated-term'];
const PAGE = 50;

function Terms({ lib }: { lib: Library }) {
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q, 200);
  const [groups, setGroups] = useState<string[]>([]);
  const [kind, setKind] = useState<string | null>(null);
  const [language, setLanguage] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const languages = useMemo(() => [...new Set(lib.terms.map((t) => t.language))].sort(), [lib]);
  const shown = useMemo(() => {
    const needle = query.trim().toLowerCase();
    return lib.terms.filter(
      (t) =>
        (!needle || t.text.toLowerCase().includes(needle)) &&
        (groups.length === 0 || groups.includes(t.group)) &&
        (!kind || t.kind === kind) &&
        (!language || t.language === language),
    );
  }, [lib, query, groups, kind, language]);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const current = Math.min(page, pages);
  return (
    <Card withBorder component="section" aria-labelledby="terms-title">
      <Stack>
        <Title order={3} size="h4" id="terms-title">
          Terms
        </Title>
        <Group align="flex-end">
          <TextInput
            label="Search terms"
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              setPage(1);
            }}
            placeholder="e.g. ivory"
            maw={240}
          />
          <MultiSelect
            label="Species groups"
            data={SPECIES_GROUPS}
            value={groups}
            onChange={(v) => {
              setGroups(v);
              setPage(1);
            }}
            clearable
            maw={320}
            placeholder="All"
          />
          <Select
            label="Kind"
            data={KINDS}
            value={kind}
            onChange={(v) => {
              setKind(v);
              setPage(1);
            }}
            clearable
            placeholder="All"
            maw={180}
          />
          <Select
            label="Language"
            data={languages}
            value={language}
            onChange={(v) => {
              setLanguage(v);
              setPage(1);
            }}
            clearable
            searchable
            placeholder="All"
            maw={140}
          />
        </Group>
        <Text size="sm" c="dimmed" aria-live="polite">
          {shown.length} of {lib.terms.length} terms
        </Text>
        <Table.ScrollContainer minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Term</Table.Th>
                <Table.Th>Group</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Language</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Version</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.slice((current - 1) * PAGE, current * PAGE).map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {t.text}
                    </Text>
                    {t.ambiguous && (
                      <Badge size="xs" variant="outline" color="gray">
                        ambiguous
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{t.group}</Table.Td>
                  <Table.Td>{t.kind}</Table.Td>
                  <Table.Td>{t.language}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light" color={t.provenance === 'published' ? 'blue' : 'gray'}>
                      {t.provenance}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    v{t.added}
                    {t.changed ? ` (changed v${t.changed})` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pages > 1 && (
          <Pagination
            total={pages}
            value={current}
            onChange={setPage}
            size="sm"
            getControlProps={(c) => ({
              'aria-label': c === 'previous' ? 'Previous page' : c === 'next' ? 'Next page' : c,
            })}
          />
        )}
      </Stack>
    </Card>
  );
}

export default function LibraryPage() {
  const lib = useApi<Library>('/api/v1/keywords');
  return (
    <Page
      title="Keyword library"
      lead="The shared key search words, hashtags, emojis and code words traffickers use, per species group."
    >
      <Async state={lib} label="Loading the keyword library…">
        {(l) => (
          <Stack>
            <Text size="sm">
              Version <b>{l.version}</b> · {l.terms.length} terms · {l.removed.length} removed
            </Text>
            <Terms lib={l} />
            <Card withBorder component="section" aria-labelledby="versions-title">
              <Title order={3} size="h4" id="versions-title" mb="sm">
                Versions
              </Title>
              <Timeline active={0} bulletSize={14} lineWidth={2}>
                {[...l.changelog].reverse().map((c) => (
                  <Timeline.Item key={c.version} title={`v${c.version} · ${c.date}`}>
                    <Text size="sm">{c.summary}</Text>
                    <Text size="xs" c="dimmed">
                      {l.terms.filter((t) => t.added === c.version).length} added,{' '}
                      {l.terms.filter((t) => t.changed === c.version).length} changed,{' '}
                      {l.removed.filter((t) => t.removed === c.version).length} removed
                    </Text>
                  </Timeline.Item>
                ))}
              </Timeline>
            </Card>
          </Stack>
        )}
      </Async>
    </Page>
  );
}
