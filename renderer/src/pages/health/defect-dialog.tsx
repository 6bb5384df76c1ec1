import { useState, type FormEvent } from 'react';
import type { CameraSummary, DefectDetails } from '../../../../main/api/contract';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/api-error';
import { fieldErrorsFrom } from '../../api/field-errors';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { formatUkDateTime } from '../../lib/format-time';
import { AuthedImage } from './authed-image';
import {
  blankDefectForm, cameraCategories, defectPatch, fileToBase64, formFromDefect, locationCategories, MAX_PHOTO_BYTES, readDefectForm,
  type DefectField, type DefectForm,
} from './defect-form';
import { categoryLabel } from './health-format';

const fields = ['scope', 'cameraId', 'location', 'siteCode', 'category', 'title', 'description', 'blocking', 'supplier', 'supplierRef', 'reportedAt', 'acknowledgedAt', 'resolvedAt'] as const;

const scopeOptions = [
  { value: 'camera', label: 'Camera fault' },
  { value: 'location', label: 'Sign or road marking at a location' },
] as const;

/**
 * Reports a defect (a camera fault, or a sign or road marking at a location)
 * or edits one: supplier and ticket, acknowledged and resolved times, notes,
 * photos, and whether it holds enforcement at its location. Photos chosen
 * while reporting are attached once the defect exists.
 */
export function DefectDialog({
  open,
  defect,
  cameras,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** null: report a new defect. */
  defect: DefectDetails | null;
  cameras: readonly CameraSummary[];
  onClose: () => void;
  onSaved: (d: DefectDetails, verb: 'reported' | 'updated') => void;
}) {
  const api = useApi();
  const [form, setForm] = useState<DefectForm>(() => (defect ? formFromDefect(defect) : blankDefectForm()));
  const [current, setCurrent] = useState<DefectDetails | null>(defect);
  const [errors, setErrors] = useState<Partial<Record<DefectField | 'photo' | 'note', string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [photos, setPhotos] = useState<File[]>([]);
  const [note, setNote] = useState('');

  const set = <K extends DefectField>(k: K) => (v: DefectForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const setScope = (scope: 'camera' | 'location') =>
    setForm((f) => ({ ...f, scope, category: (scope === 'camera' ? cameraCategories : locationCategories).includes(f.category as never) ? f.category : scope === 'camera' ? 'camera-fault' : 'sign-damaged' }));

  const categories = (form.scope === 'camera' ? cameraCategories : locationCategories) as readonly string[];
  const categoryOptions = [...(categories.includes(form.category) ? [] : [form.category]), ...categories].map((c) => ({ value: c, label: categoryLabel(c) }));
  const cameraOptions = [{ value: '', label: 'Choose a camera…' }, ...cameras.map((c) => ({ value: String(c.id), label: c.siteCode ? `${c.name} (${c.siteCode})` : c.name }))];
  const editing = current !== null;
  const isAuto = current?.origin === 'auto';

  const addPhotos = (list: FileList | null) => {
    const picked = [...(list ?? [])];
    const bad = picked.find((f) => !['image/jpeg', 'image/png'].includes(f.type) || f.size > MAX_PHOTO_BYTES);
    if (bad) {
      setErrors((e) => ({ ...e, photo: `${bad.name}: photos must be JPEG or PNG and at most ${Math.floor(MAX_PHOTO_BYTES / 1000)} KB` }));
      return;
    }
    setErrors((e) => ({ ...e, photo: undefined }));
    setPhotos((p) => [...p, ...picked]);
  };

  const upload = async (id: number, files: File[]): Promise<DefectDetails | null> => {
    let last: DefectDetails | null = null;
    for (const file of files) {
      last = await api.call('defectAddPhoto', { params: { id }, body: { mime: file.type as 'image/jpeg' | 'image/png', name: file.name, dataBase64: await fileToBase64(file) } });
    }
    return last;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const read = readDefectForm(form);
    if (!read.ok) {
      setErrors(read.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    let saved: DefectDetails | null = current;
    try {
      if (!current) {
        saved = await api.call('defectCreate', { body: read.value.create });
        // Reported with times already known: record them on the new defect.
        if (read.value.acknowledgedAt !== null || read.value.resolvedAt !== null) {
          saved = await api.call('defectUpdate', { params: { id: saved.id }, body: { acknowledgedAt: read.value.acknowledgedAt, resolvedAt: read.value.resolvedAt } });
        }
        setCurrent(saved);
      } else {
        const patch = defectPatch(current, read.value);
        if (Object.keys(patch).length > 0) saved = await api.call('defectUpdate', { params: { id: current.id }, body: patch });
      }
      if (note.trim()) {
        saved = await api.call('defectAddNote', { params: { id: saved!.id }, body: { text: note.trim() } });
        setNote('');
      }
      if (photos.length) {
        saved = (await upload(saved!.id, photos)) ?? saved;
        setPhotos([]);
      }
      setBusy(false);
      onSaved(saved!, current ? 'updated' : 'reported');
    } catch (err) {
      setBusy(false);
      // A defect already created stays created: the form switches to editing it, so retrying cannot report it twice.
      if (saved && !current) setCurrent(saved);
      const { fields: byField, form: rest } = fieldErrorsFrom(err, fields);
      setErrors(byField);
      setFailure(rest ?? (Object.keys(byField).length ? null : errorMessage(err)));
    }
  };

  const title = current ? `Defect ${current.id}: ${current.title}` : 'Report a defect';

  return (
    <Dialog open={open} onClose={onClose} title={title} wide>
      {failure ? (
        <Alert tone="error" title={current ? 'Could not save the defect.' : 'Could not report the defect.'}>
          {failure}
        </Alert>
      ) : null}
      {isAuto ? <Alert tone="info">Opened by the health probes ({categoryLabel(current!.category)}). It closes by itself when the camera recovers; record the supplier and ticket here.</Alert> : null}
      <form className="form-stack" onSubmit={submit} noValidate aria-label={current ? 'Edit defect' : 'Report a defect'}>
        <div className="form-grid">
          {editing ? (
            <Field label="What is at fault">{(p) => <input {...p} className="input" value={form.scope === 'camera' ? 'Camera fault' : 'Sign or road marking at a location'} readOnly />}</Field>
          ) : (
            <SelectField label="What is at fault" value={form.scope} options={scopeOptions} onChange={setScope} />
          )}
          {form.scope === 'camera' ? (
            <SelectField label="Camera" value={form.cameraId} options={cameraOptions} onChange={set('cameraId')} error={errors.cameraId} disabled={editing} required />
          ) : (
            <TextField label="Location" value={form.location} onChange={set('location')} error={errors.location} required placeholder="e.g. High Street j/w Mill Lane, northbound" hint="Where the sign or marking is" />
          )}
          <TextField label="Site code" value={form.siteCode} onChange={set('siteCode')} error={errors.siteCode} optional hint="Enforcement site it affects" spellCheck={false} />
          <SelectField label="Category" value={form.category} options={categoryOptions} onChange={set('category')} error={errors.category} />
        </div>
        <TextField label="Title" value={form.title} onChange={set('title')} error={errors.title} required placeholder="e.g. Bus gate sign knocked flat" />
        <Field label="Description" optional error={errors.description}>
          {(p) => <textarea {...p} className="input" rows={3} value={form.description} onChange={(e) => set('description')(e.target.value)} />}
        </Field>
        <label className="health-check">
          <input type="checkbox" checked={form.blocking} onChange={(e) => set('blocking')(e.target.checked)} aria-describedby="defect-blocking-hint" />
          <span>
            Blocking: hold enforcement at this {form.scope === 'camera' ? 'camera’s site' : 'location'} until resolved
            <span className="field__hint" id="defect-blocking-hint">
              {' '}
              No PCN is issued from events there while it is open (the signs or the camera no longer make a lawful record).
            </span>
          </span>
        </label>
        <div className="form-grid">
          <TextField label="Supplier" value={form.supplier} onChange={set('supplier')} error={errors.supplier} optional />
          <TextField label="Supplier ticket reference" value={form.supplierRef} onChange={set('supplierRef')} error={errors.supplierRef} optional spellCheck={false} />
          <TextField label="Reported (UK time)" type="datetime-local" value={form.reportedAt} onChange={set('reportedAt')} error={errors.reportedAt} required disabled={editing} />
          <TextField label="Acknowledged (UK time)" type="datetime-local" value={form.acknowledgedAt} onChange={set('acknowledgedAt')} error={errors.acknowledgedAt} optional />
          <TextField label="Resolved (UK time)" type="datetime-local" value={form.resolvedAt} onChange={set('resolvedAt')} error={errors.resolvedAt} optional />
        </div>

        {current && current.notes.length > 0 ? (
          <section aria-label="Notes">
            <h3 className="health-subhead">Notes</h3>
            <ol className="health-notes">
              {current.notes.map((n) => (
                <li key={n.id}>
                  <span className="muted">
                    {formatUkDateTime(n.at)} · {n.author}
                  </span>
                  <div>{n.text}</div>
                </li>
              ))}
            </ol>
          </section>
        ) : null}
        <Field label="Add a note" optional error={errors.note}>
          {(p) => <textarea {...p} className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>

        {current && current.photos.length > 0 ? (
          <section aria-label="Photos">
            <h3 className="health-subhead">Photos</h3>
            <ul className="health-photos">
              {current.photos.map((ph) => (
                <li key={ph.id}>
                  <AuthedImage className="health-photo" path={`/api/health/defects/${current.id}/photos/${ph.sha256}`} alt={`Photo ${ph.name ?? ph.sha256.slice(0, 8)} of defect ${current.id}`} />
                  <span className="muted">
                    {ph.name ?? 'photo'} · {ph.addedBy}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <Field label="Attach photos" optional hint="JPEG or PNG, up to 740 KB each" error={errors.photo}>
          {(p) => <input {...p} type="file" accept="image/jpeg,image/png" multiple onChange={(e) => { addPhotos(e.target.files); e.target.value = ''; }} />}
        </Field>
        {photos.length ? (
          <ul className="health-pending" aria-label="Photos to attach">
            {photos.map((f, i) => (
              <li key={`${f.name}-${i}`}>
                {f.name} ({Math.ceil(f.size / 1000)} KB){' '}
                <Button size="small" variant="ghost" onClick={() => setPhotos((p) => p.filter((_, j) => j !== i))} aria-label={`Remove ${f.name}`}>
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        ) : null}

        <div className="form-actions">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {current ? 'Save defect' : 'Report defect'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
