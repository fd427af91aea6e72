import { Select } from '@mantine/core';
import { useEffect } from 'react';
import { useApi } from '../hooks.ts';
import type { OrgKind } from '../session.tsx';

export interface Org {
  id: string;
  slug: string;
  name: string;
  kind: OrgKind;
}

/** Picks one of the organisations the hub lets the caller see, of the given kinds; selects the first. */
export function OrgSelect({
  kinds,
  value,
  onChange,
  label = 'Organisation',
}: {
  kinds: OrgKind[];
  value: string | null;
  onChange: (org: Org | null) => void;
  label?: string;
}) {
  const orgs = useApi<{ items: Org[] }>('/api/v1/orgs?limit=200');
  const options = (orgs.data?.items ?? []).filter((o) => kinds.includes(o.kind));
  useEffect(() => {
    if (!value && options[0]) onChange(options[0]);
  }, [value, options, onChange]);
  return (
    <Select
      label={label}
      data={options.map((o) => ({ value: o.id, label: `${o.name} (${o.slug})` }))}
      value={value}
      onChange={(id) => onChange(options.find((o) => o.id === id) ?? null)}
      placeholder={
        orgs.loading ? 'Loading organisations…' : options.length ? 'Choose' : 'No organisation you can see'
      }
      error={orgs.error?.message}
      allowDeselect={false}
      maw={420}
      searchable
    />
  );
}
