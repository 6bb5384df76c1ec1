import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { conflict, invalid, notFound } from '../api/api-failure.js';
import type { Actor, AuditLog } from '../audit/audit-log.js';
import { formatVrmForDisplay } from '../domain/vrm-display.js';
import type { EvidencePackRow, EvidenceStore, SignPhotoRow, WitnessStatementRow } from '../store/evidence-store.js';
import type { UsersStore } from '../store/users-store.js';
import type { EvidenceSources, FootageExport } from './evidence-sources.js';
import { manifestBytes, PACK_FORMAT, sha256sumsText, type ManifestFile, type PackManifest } from './pack-manifest.js';
import { verifyPack, type PackVerification } from './pack-verifier.js';
import { loadOrCreateSigningKey, signBytes, type SigningKey } from './signing-key.js';
import { tarArchive } from './tar-writer.js';
import { renderWitnessStatementPdf, type WitnessStatementModel } from './witness-statement-pdf.js';

export interface StatementRequest {
  officerNumber?: string | undefined;
  roleTitle?: string | undefined;
  authority?: string | undefined;
  requestedFor?: string | undefined;
}

export const DEFAULT_ROLE_TITLE = 'an Authorised Officer (CCTV Enforcement)';
export const DEFAULT_AUTHORITY =
  'I am authorised by the council to review recordings from its approved devices and to decide whether a penalty charge is payable, under Part 6 of the Traffic Management Act 2004 and the regulations made under it.';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A reference as a folder name: PCN numbers are [A-Z0-9]; anything else is refused rather than escaped. */
function safeReference(ref: string): string {
  if (!/^[A-Za-z0-9-]{1,40}$/.test(ref)) throw new Error(`PCN reference ${JSON.stringify(ref)} cannot name a folder`);
  return ref;
}

function listFiles(root: string, rel = ''): string[] {
  return readdirSync(path.join(root, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, r) : [r];
  });
}

/**
 * Evidence packs and witness statements for a case.
 *
 * A pack is built in a scratch folder and renamed into
 * `<dataDir>/evidence/packs/<PCN>/v<N>/` only when complete and signed, so a
 * crash never leaves a half pack that looks finished. Each build is a new
 * version: what went to a tribunal is never rewritten.
 */
export class EvidenceService {
  private key: SigningKey | null = null;
  private building = new Set<number>();

  constructor(
    private readonly deps: {
      store: EvidenceStore;
      users: UsersStore;
      sources: EvidenceSources;
      audit: AuditLog;
      dataDir: string;
      councilName: () => string;
      generator: { name: string; version: string };
      setting: <T>(key: string) => T | undefined;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.deps.now?.() ?? Date.now();
  }

  get packsRoot(): string {
    return path.join(this.deps.dataDir, 'evidence', 'packs');
  }

  get signPhotosRoot(): string {
    return path.join(this.deps.dataDir, 'evidence', 'sign-photos');
  }

  /** The installation's key (made on first use) with its fingerprint registered in the store. */
  signingKey(): SigningKey {
    if (!this.key) {
      const k = loadOrCreateSigningKey(this.deps.dataDir);
      this.deps.store.registerKey({ fingerprint: k.fingerprint, publicKeyPem: k.publicKeyPem, createdAt: this.now() });
      this.key = k;
    }
    return this.key;
  }

  trustedFingerprints(): string[] {
    return this.deps.store.keys().map((k) => k.fingerprint);
  }

  // ── sign photos ──

  addSignPhoto(p: { cameraId: number; bytes: Buffer; caption: string; takenOn: string }, by: Actor): SignPhotoRow {
    const jpeg = p.bytes.length > 3 && p.bytes[0] === 0xff && p.bytes[1] === 0xd8 && p.bytes[2] === 0xff;
    const png = p.bytes.length > 8 && p.bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!jpeg && !png) throw invalid('the photo must be a JPEG or PNG image');
    if (!this.deps.sources.camera(p.cameraId)) throw notFound(`camera ${p.cameraId}`);
    const sha = sha256(p.bytes);
    const file = path.join(this.signPhotosRoot, sha);
    if (!existsSync(file)) {
      mkdirSync(this.signPhotosRoot, { recursive: true });
      const tmp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(tmp, p.bytes);
      renameSync(tmp, file);
    }
    const row = this.deps.store.addSignPhoto({ cameraId: p.cameraId, sha256: sha, mediaType: jpeg ? 'image/jpeg' : 'image/png', bytes: p.bytes.length, caption: p.caption, takenOn: p.takenOn, addedAt: this.now(), addedBy: by.name });
    this.deps.audit.record(by, 'evidence.sign-photo.add', `camera:${p.cameraId}`, { photoId: row.id, sha256: sha, caption: p.caption, takenOn: p.takenOn });
    return row;
  }

  // ── witness statements ──

  private statementModel(pcnId: number, req: StatementRequest, by: { name: string; officerNumber: string | null }, pack: { fingerprint: string; version: number | null; originalSha256: string | null }): WitnessStatementModel {
    const s = this.deps.sources;
    const p = s.pcn(pcnId);
    if (!p) throw notFound(`PCN ${pcnId}`);
    const e = s.event(p.eventId);
    const r = p.restrictionId !== null ? s.restriction(p.restrictionId) : undefined;
    const cam = s.camera(p.cameraId);
    const health = s.healthAt(p.cameraId, p.contraventionAt);
    const cont = e ? s.continuity(p.cameraId, e.clipStart, e.clipEnd) : null;
    const number = req.officerNumber?.trim() || by.officerNumber;
    if (!number) throw invalid('an officer number is needed for a witness statement: give officerNumber or set it on the user');
    return {
      council: this.deps.councilName(),
      reference: p.reference,
      vrm: formatVrmForDisplay(p.vrm),
      code: p.code,
      codeDescription: p.codeDescription,
      place: p.place,
      contraventionAt: p.contraventionAt,
      firstSeenAt: e?.firstSeenAt ?? p.contraventionAt,
      lastSeenAt: e?.lastSeenAt ?? p.contraventionAt,
      officer: {
        name: by.name,
        number,
        roleTitle: req.roleTitle?.trim() || this.deps.setting<string>('evidence.officerRoleTitle') || DEFAULT_ROLE_TITLE,
        authority: req.authority?.trim() || this.deps.setting<string>('evidence.officerAuthority') || DEFAULT_AUTHORITY,
      },
      device: { cameraName: cam?.name ?? `camera ${p.cameraId}`, location: cam?.location ?? p.place, certificate: s.certificateAt(p.cameraId, p.contraventionAt) },
      restriction: r ? { type: r.type, trafficOrderRef: r.trafficOrderRef, signsNote: r.signsNote } : null,
      health: { clockDriftS: health.clockDriftS, fps: health.fps, continuity: cont ? cont.why : 'not known' },
      decisionNotes: p.notes,
      integrity: { originalSha256: pack.originalSha256, packFingerprint: pack.fingerprint, packVersion: pack.version, segments: 'fragmented MP4 segments indexed by time' },
      madeAt: this.now(),
      requestedFor: req.requestedFor?.trim() ?? '',
    };
  }

  /** The statement of the officer making the request, kept with the case (every version). */
  async makeStatement(pcnId: number, req: StatementRequest, by: { id: number; username: string; displayName: string; officerNumber: string | null }): Promise<WitnessStatementRow> {
    const latest = this.deps.store.packsOf(pcnId)[0];
    const key = this.signingKey();
    const original = latest ? this.originalShaOf(latest) : null;
    const model = this.statementModel(pcnId, req, { name: by.displayName, officerNumber: by.officerNumber }, { fingerprint: latest?.keyFingerprint ?? key.fingerprint, version: latest?.version ?? null, originalSha256: original });
    const pdf = Buffer.from(await renderWitnessStatementPdf(model));
    const dir = path.join(this.deps.dataDir, 'evidence', 'statements', safeReference(model.reference));
    mkdirSync(dir, { recursive: true });
    const sha = sha256(pdf);
    const file = path.join(dir, `witness-statement-${this.now()}-${sha.slice(0, 8)}.pdf`);
    writeFileSync(file, pdf, { flag: 'wx' });
    const row = this.deps.store.insertStatement({
      pcnId, pcnReference: model.reference, officerName: model.officer.name, officerNumber: model.officer.number, roleTitle: model.officer.roleTitle,
      path: path.relative(this.deps.dataDir, file), sha256: sha, bytes: pdf.length, requestedFor: model.requestedFor, createdAt: this.now(), createdBy: by.username,
    });
    this.deps.audit.record({ id: by.id, name: by.username }, 'evidence.statement.create', `pcn:${pcnId}`, { statementId: row.id, reference: model.reference, sha256: sha, requestedFor: model.requestedFor });
    return row;
  }

  statementFile(id: number): { row: WitnessStatementRow; bytes: Buffer } {
    const row = this.deps.store.statementById(id);
    if (!row) throw notFound(`witness statement ${id}`);
    const bytes = readFileSync(path.join(this.deps.dataDir, row.path));
    if (sha256(bytes) !== row.sha256) throw conflict(`witness statement ${id} on disk does not match its recorded SHA-256; it has been altered`);
    return { row, bytes };
  }

  private originalShaOf(pack: EvidencePackRow): string | null {
    try {
      const m = JSON.parse(readFileSync(path.join(this.deps.dataDir, pack.dir, 'manifest.json'), 'utf8')) as PackManifest;
      return m.files.find((f) => f.role === 'original-clip')?.sha256 ?? null;
    } catch {
      return null;
    }
  }

  // ── packs ──

  /**
   * Gathers the case's evidence into a new signed pack version. What cannot
   * be had (no footage recorded, no certificate, no sign photos) is named in
   * the manifest's omissions, never silently left out.
   */
  async buildPack(pcnId: number, by: Actor): Promise<EvidencePackRow> {
    if (this.building.has(pcnId)) throw conflict(`a pack for PCN ${pcnId} is being built already`);
    this.building.add(pcnId);
    try {
      return await this.build(pcnId, by);
    } finally {
      this.building.delete(pcnId);
    }
  }

  private async build(pcnId: number, by: Actor): Promise<EvidencePackRow> {
    const s = this.deps.sources;
    const p = s.pcn(pcnId);
    if (!p) throw notFound(`PCN ${pcnId}`);
    const ref = safeReference(p.reference);
    const key = this.signingKey();
    const version = this.deps.store.nextPackVersion(pcnId);
    const e = s.event(p.eventId);
    const restriction = p.restrictionId !== null ? s.restriction(p.restrictionId) : undefined;
    const cam = s.camera(p.cameraId);
    const at = this.now();

    const refDir = path.join(this.packsRoot, ref);
    mkdirSync(refDir, { recursive: true });
    const work = path.join(refDir, `.building-v${version}-${randomBytes(4).toString('hex')}`);
    mkdirSync(work);
    const files: ManifestFile[] = [];
    const omissions: { item: string; why: string }[] = [];
    const put = (rel: string, data: Buffer | string, meta: Omit<ManifestFile, 'path' | 'bytes' | 'sha256'>) => {
      const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      writeFileSync(path.join(work, rel), buf);
      files.push({ path: rel, bytes: buf.length, sha256: sha256(buf), ...meta });
    };
    const copyIn = (rel: string, from: string, expectSha: string | null, meta: Omit<ManifestFile, 'path' | 'bytes' | 'sha256'>) => {
      mkdirSync(path.dirname(path.join(work, rel)), { recursive: true });
      copyFileSync(from, path.join(work, rel));
      const buf = readFileSync(path.join(work, rel));
      const h = sha256(buf);
      // The copy must be the file that was hashed at export: a mismatch means the source changed on disk.
      if (expectSha && h !== expectSha) throw conflict(`${path.basename(from)} no longer matches the SHA-256 recorded when it was exported`);
      files.push({ path: rel, bytes: buf.length, sha256: h, ...meta });
    };

    try {
      // 1. Footage: the original clip, the presentation clip and stills from the recording.
      let footage: FootageExport | null = null;
      if (!e) omissions.push({ item: 'footage', why: `event ${p.eventId} is no longer held, so the clip range is not known` });
      else {
        const vehicleAt = Math.min(Math.max(e.firstSeenAt, e.clipStart), e.clipEnd);
        const contextAt = e.clipStart;
        try {
          footage = await s.exportFootage({ cameraId: p.cameraId, fromMs: e.clipStart, toMs: e.clipEnd, stillsMs: [vehicleAt, contextAt], caseReference: p.reference, reason: `evidence pack ${p.reference} v${version}` }, by);
        } catch (err) {
          omissions.push({ item: 'footage', why: (err as Error).message });
        }
      }
      if (footage) {
        const orig = footage.files.find((f) => f.kind === 'original');
        const pres = footage.files.find((f) => f.kind === 'presentation');
        const stills = footage.files.filter((f) => f.kind === 'still');
        if (orig) copyIn('footage/original-clip.mp4', orig.absPath, orig.sha256, { role: 'original-clip', mediaType: 'video/mp4', description: 'The recording as made, stream-copied without re-encoding, from the keyframe at or before the clip start' });
        else omissions.push({ item: 'original-clip', why: 'the export produced no original clip' });
        if (pres) copyIn('footage/presentation-clip.mp4', pres.absPath, pres.sha256, { role: 'presentation-clip', mediaType: 'video/mp4', description: 'Frame-accurate copy with camera, place, UK date and time and frame counter shown' });
        else omissions.push({ item: 'presentation-clip', why: 'the export produced no presentation clip' });
        if (stills[0]) copyIn('stills/01-vehicle-in-contravention.png', stills[0].absPath, stills[0].sha256, { role: 'still-vehicle', mediaType: 'image/png', description: 'The vehicle in contravention (frame at the first sighting)' });
        if (stills[1]) copyIn('stills/03-context-with-signs.png', stills[1].absPath, stills[1].sha256, { role: 'still-context', mediaType: 'image/png', description: 'Context: the scene and its signs at the start of the clip' });
        if (stills.length < 2) omissions.push({ item: 'stills', why: `the export produced ${stills.length} of 2 stills` });
      }
      // 2. The plate close-up: the ANPR camera's own plate patch of the read.
      const images = e ? s.anprImages(e.id) : [];
      const plate = images.find((i) => i.role === 'plate' && existsSync(i.absPath));
      if (plate) copyIn('stills/02-plate-close-up.jpg', plate.absPath, plate.sha256, { role: 'still-plate', mediaType: 'image/jpeg', description: 'Registration plate close-up from the ANPR camera' });
      else omissions.push({ item: 'still-plate', why: 'no ANPR plate picture is held for this event' });
      const overview = images.find((i) => i.role === 'overview' && existsSync(i.absPath));
      if (overview) copyIn('stills/04-anpr-overview.jpg', overview.absPath, overview.sha256, { role: 'still-anpr-overview', mediaType: 'image/jpeg', description: 'Overview picture from the ANPR camera' });

      // 3. Sign photographs of the site.
      const photos = this.deps.store.signPhotos(p.cameraId);
      photos.forEach((ph, i) => {
        const ext = ph.mediaType === 'image/png' ? 'png' : 'jpg';
        copyIn(`signs/sign-${String(i + 1).padStart(2, '0')}.${ext}`, path.join(this.signPhotosRoot, ph.sha256), ph.sha256, { role: 'sign-photo', mediaType: ph.mediaType, description: `${ph.caption} (taken ${ph.takenOn})` });
      });
      if (!photos.length) omissions.push({ item: 'sign-photos', why: 'no photographs of the signs are held for this camera' });

      // 4. Documents: traffic order, certificate, health at the event, the decision, the case.
      const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
      if (restriction) {
        put('documents/traffic-order.json', json({ trafficOrderRef: restriction.trafficOrderRef, restrictionType: restriction.type, schedule: restriction.schedule, permitted: restriction.permitted, signsInOrder: restriction.signsInOrder, signsNote: restriction.signsNote, area: restriction.area, enforcementStart: restriction.enforcementStart }), { role: 'traffic-order', mediaType: 'application/json', description: 'The traffic order and restriction enforced at the camera' });
      } else omissions.push({ item: 'traffic-order', why: 'no restriction is linked to this case' });
      const cert = s.certificateAt(p.cameraId, p.contraventionAt);
      put('documents/camera-certificate.json', json({ camera: cam ?? null, cameraId: p.cameraId, atEvent: new Date(p.contraventionAt).toISOString(), certificate: cert ? { ...cert, validFrom: new Date(cert.validFrom).toISOString(), validTo: cert.validTo === null ? null : new Date(cert.validTo).toISOString() } : null }), { role: 'device-certificate', mediaType: 'application/json', description: 'The approved-device certificate in force at the event (SI 2022/71 Sch. 1)' });
      if (!cert) omissions.push({ item: 'device-certificate', why: 'no certificate was in force for the camera at the event time' });
      const h = s.healthAt(p.cameraId, p.contraventionAt);
      const cont = e ? s.continuity(p.cameraId, e.clipStart, e.clipEnd) : null;
      put('documents/camera-health.json', json({ atEvent: new Date(p.contraventionAt).toISOString(), ...h, lastProbeAt: h.lastProbeAt === null ? null : new Date(h.lastProbeAt).toISOString(), continuity: cont, clip: e ? { from: new Date(e.clipStart).toISOString(), to: new Date(e.clipEnd).toISOString() } : null, footageOriginalStart: footage?.originalStartMs ? new Date(footage.originalStartMs).toISOString() : null }), { role: 'camera-health', mediaType: 'application/json', description: 'Clock drift, frame rate and continuity of the recording at the event time' });
      put('documents/officer-decision.json', json({ officer: p.officerName, officerId: p.officerId, decidedAt: new Date(p.issuedAt).toISOString(), code: p.code, codeDescription: p.codeDescription, notes: p.notes, vehicleSeen: { make: p.vehicleMake, colour: p.vehicleColour }, eventId: p.eventId }), { role: 'officer-decision', mediaType: 'application/json', description: "The officer's decision and notes" });

      // 5. The witness statement of the deciding officer.
      const officer = p.officerId !== null ? this.deps.users.byId(p.officerId) : undefined;
      const original = files.find((f) => f.role === 'original-clip')?.sha256 ?? null;
      try {
        const model = this.statementModel(pcnId, {}, { name: officer?.displayName ?? p.officerName, officerNumber: officer?.officerNumber ?? null }, { fingerprint: key.fingerprint, version, originalSha256: original });
        put('statement/witness-statement.pdf', Buffer.from(await renderWitnessStatementPdf(model)), { role: 'witness-statement', mediaType: 'application/pdf', description: `Witness statement of ${model.officer.name}` });
      } catch (err) {
        omissions.push({ item: 'witness-statement', why: (err as Error).message });
      }
      put('README.txt', packReadme(p.reference, key.fingerprint), { role: 'readme', mediaType: 'text/plain', description: 'How to check this pack with open tools' });

      // 6. Manifest, signature, public key, SHA256SUMS.
      const caseFacts = {
        reference: p.reference, kind: p.kind, vrm: p.vrm, code: p.code, codeDescription: p.codeDescription, place: p.place, cameraId: p.cameraId,
        cameraName: cam?.name ?? null, contraventionAt: new Date(p.contraventionAt).toISOString(), contraventionDate: p.contraventionDate, stage: p.stage,
        amountPence: p.amountPence, discountPence: p.discountPence, officer: p.officerName, eventId: p.eventId, trafficOrderRef: restriction?.trafficOrderRef ?? null,
        certificateNumber: cert?.number ?? null, noticeSha256: p.noticeSha256,
      };
      const manifest: PackManifest = {
        format: PACK_FORMAT,
        generator: this.deps.generator,
        createdAt: new Date(at).toISOString(),
        createdAtMs: at,
        createdBy: by.name,
        council: this.deps.councilName(),
        pack: { reference: p.reference, version },
        case: caseFacts,
        signingKey: { algorithm: 'ed25519', fingerprint: key.fingerprint, publicKeyFile: 'public-key.pem', signatureFile: 'manifest.json.sig' },
        files,
        omissions,
      };
      const mBytes = manifestBytes(manifest);
      const sig = signBytes(key, mBytes);
      writeFileSync(path.join(work, 'manifest.json'), mBytes);
      writeFileSync(path.join(work, 'manifest.json.sig'), sig);
      writeFileSync(path.join(work, 'manifest.sig.b64'), `${sig.toString('base64')}\n`);
      writeFileSync(path.join(work, 'public-key.pem'), key.publicKeyPem);
      writeFileSync(path.join(work, 'SHA256SUMS'), sha256sumsText([...files, { path: 'manifest.json', sha256: sha256(mBytes) }, { path: 'public-key.pem', sha256: sha256(Buffer.from(key.publicKeyPem)) }]));

      // 7. Check it as a recipient would before it is published.
      const check = verifyPack(work, { trustedFingerprints: [key.fingerprint] });
      if (!check.ok) throw new Error(`the new pack failed its own check: ${check.problems.map((x) => `${x.what}: ${x.problem}`).join('; ')}`);
      const finalDir = path.join(refDir, `v${version}`);
      renameSync(work, finalDir);
      const row = this.deps.store.insertPack({
        pcnId, pcnReference: p.reference, version, dir: path.relative(this.deps.dataDir, finalDir), manifestSha256: sha256(mBytes), keyFingerprint: key.fingerprint,
        files: files.length, bytes: files.reduce((n, f) => n + f.bytes, 0), omissions, createdAt: at, createdBy: by.name,
      });
      this.deps.audit.record(by, 'evidence.pack.build', `pcn:${pcnId}`, { reference: p.reference, version, manifestSha256: row.manifestSha256, keyFingerprint: key.fingerprint, files: files.length, omissions: omissions.map((o) => o.item) });
      return row;
    } catch (err) {
      rmSync(work, { recursive: true, force: true });
      throw err;
    }
  }

  pack(id: number): EvidencePackRow {
    const row = this.deps.store.packById(id);
    if (!row) throw notFound(`evidence pack ${id}`);
    return row;
  }

  packDir(row: EvidencePackRow): string {
    return path.join(this.deps.dataDir, row.dir);
  }

  verify(id: number): PackVerification {
    return verifyPack(this.packDir(this.pack(id)), { trustedFingerprints: this.trustedFingerprints() });
  }

  /** The pack as one .tar whose top folder is `<PCN>-evidence-v<N>/`. */
  packTar(id: number): { row: EvidencePackRow; name: string; bytes: Buffer } {
    const row = this.pack(id);
    const dir = this.packDir(row);
    const top = `${row.pcnReference}-evidence-v${row.version}`;
    const entries = listFiles(dir).sort().map((rel) => ({ name: `${top}/${rel}`, data: readFileSync(path.join(dir, rel)) }));
    return { row, name: `${top}.tar`, bytes: tarArchive(entries, row.createdAt) };
  }
}

export function packReadme(reference: string, fingerprint: string): string {
  return [
    `Evidence pack for Penalty Charge Notice ${reference}`,
    '',
    'Every file of this pack is listed in manifest.json with its size and SHA-256.',
    'manifest.json is signed (Ed25519) by the council; the raw signature is manifest.json.sig',
    '(base64 copy: manifest.sig.b64) and the public key is public-key.pem.',
    '',
    'To check the pack with open tools, in this folder:',
    '',
    '  sha256sum -c SHA256SUMS',
    '  openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -in manifest.json -sigfile manifest.json.sig',
    '',
    'The first must print OK for every file; the second "Signature Verified Successfully".',
    'Then confirm the key is the council\'s: the fingerprint below must match the one the council publishes:',
    '',
    '  openssl pkey -pubin -in public-key.pem -outform DER | sha256sum',
    '',
    `  ${fingerprint}`,
    '',
  ].join('\n');
}
