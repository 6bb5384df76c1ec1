import { useState, type FormEvent } from 'react';
import type { WhiteListCategory } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { categoryOptions } from './categories';

const today = () => new Date().toISOString().slice(0, 10);

/** Adds one entry; every entry needs a source and dates (principle 12). */
export function AddEntryForm({ onAdded }: { onAdded: (text: string) => void }) {
  const api = useApi();
  const [vrm, setVrm] = useState('');
  const [category, setCategory] = useState<WhiteListCategory>('bus-operator');
  const [validFrom, setValidFrom] = useState(today());
  const [validTo, setValidTo] = useState('');
  const [source, setSource] = useState('');
  const [notes, setNotes] = useState('');
  const [cameras, setCameras] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const scopeCameras = cameras.split(/[;,\s]+/).filter(Boolean).map(Number);
      const entry = await api.call('addWhiteListEntry', { body: { vrm, category, validFrom, validTo: validTo || null, source, notes, scopeCameras } });
      onAdded(`${entry.vrm} added as entry #${entry.id}.`);
      setVrm('');
      setNotes('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="white-list-form" onSubmit={submit} aria-label="Add a white-list entry">
      {error && <Alert tone="error" title="Not added">{error}</Alert>}
      <TextField label="Registration mark" value={vrm} onChange={setVrm} required autoComplete="off" />
      <SelectField label="Category" value={category} options={categoryOptions} onChange={setCategory} />
      <TextField label="Valid from" type="date" value={validFrom} onChange={setValidFrom} required />
      <TextField label="Valid to (last day)" type="date" value={validTo} onChange={setValidTo} optional />
      <TextField label="Cameras (ids; empty for everywhere)" value={cameras} onChange={setCameras} optional />
      <TextField label="Source stakeholder" value={source} onChange={setSource} required hint="Who asked for or vouches for this entry" />
      <TextField label="Notes" value={notes} onChange={setNotes} optional />
      <Button type="submit" variant="primary" busy={busy}>
        Add entry
      </Button>
    </form>
  );
}
