import { z } from 'zod';
import { adminOnly, anyRole, IdParams, route, supervisorUp } from './route.js';

/** Evidence packs, witness statements, sign photos, retention and disclosures (feature 'evidence'). */

export const PackOmission = z.object({ item: z.string(), why: z.string() });

export const EvidencePack = z.object({
  id: z.number(),
  pcnId: z.number(),
  pcnReference: z.string(),
  version: z.number(),
  manifestSha256: z.string(),
  keyFingerprint: z.string(),
  files: z.number(),
  bytes: z.number(),
  omissions: z.array(PackOmission),
  createdAt: z.number(),
  createdBy: z.string(),
  downloadUrl: z.string(),
});
export type EvidencePack = z.infer<typeof EvidencePack>;

export const WitnessStatement = z.object({
  id: z.number(),
  pcnId: z.number(),
  pcnReference: z.string(),
  officerName: z.string(),
  officerNumber: z.string(),
  roleTitle: z.string(),
  sha256: z.string(),
  bytes: z.number(),
  requestedFor: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  pdfUrl: z.string(),
});
export type WitnessStatement = z.infer<typeof WitnessStatement>;

export const SigningKeyInfo = z.object({
  algorithm: z.literal('ed25519'),
  fingerprint: z.string(),
  fingerprintGrouped: z.string(),
  publicKeyPem: z.string(),
  registered: z.array(z.object({ fingerprint: z.string(), createdAt: z.number() })),
});
export type SigningKeyInfo = z.infer<typeof SigningKeyInfo>;

export const PackCheck = z.object({
  ok: z.boolean(),
  reference: z.string().nullable(),
  fingerprint: z.string().nullable(),
  trustedKey: z.boolean().nullable(),
  filesChecked: z.number(),
  problems: z.array(z.object({ what: z.string(), problem: z.string() })),
});
export type PackCheck = z.infer<typeof PackCheck>;

export const NewWitnessStatement = z
  .object({
    officerNumber: z.string().trim().min(1).max(40).optional(),
    roleTitle: z.string().trim().min(1).max(200).optional(),
    authority: z.string().trim().min(1).max(1000).optional(),
    requestedFor: z.string().trim().min(1, 'say who the statement is for (e.g. the appeals team, tribunal case number)').max(200),
  })
  .strict();

export const SignPhoto = z.object({
  id: z.number(),
  cameraId: z.number(),
  sha256: z.string(),
  mediaType: z.string(),
  bytes: z.number(),
  caption: z.string(),
  takenOn: z.string(),
  addedAt: z.number(),
  addedBy: z.string(),
});

export const NewSignPhoto = z
  .object({
    cameraId: z.number().int().positive(),
    caption: z.string().trim().min(1).max(200),
    takenOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'takenOn must be YYYY-MM-DD'),
    /** JPEG or PNG, base64; the JSON body limit (1 MiB) bounds it to about 750 KB. */
    imageBase64: z.string().min(8).max(1_000_000),
  })
  .strict();

export const RetentionSettingsShape = z.object({
  footageDays: z.number().int().min(1).max(3650),
  readsDays: z.number().int().min(1).max(3650),
  imagesDays: z.number().int().min(1).max(3650),
  eventsDays: z.number().int().min(1).max(3650),
  caseYears: z.number().int().min(1).max(50),
  sweepEveryHours: z.number().min(1).max(168),
});

export const RetentionRun = z.object({ id: z.number(), at: z.number(), by: z.string(), summary: z.record(z.string(), z.unknown()) });

export const Region = z
  .object({
    x: z.number().min(-10000).max(10000),
    y: z.number().min(-10000).max(10000),
    w: z.number().positive().max(10000),
    h: z.number().positive().max(10000),
    fromS: z.number().min(0).optional(),
    toS: z.number().min(0).optional(),
  })
  .strict();

export const NewDisclosure = z
  .object({
    cameraId: z.number().int().positive(),
    from: z.number().int().positive(),
    to: z.number().int().positive(),
    vrm: z.string().trim().min(2).max(10).optional(),
    requester: z.string().trim().min(1).max(200),
    requesterKind: z.enum(['data-subject', 'police', 'other-authority']),
    legalBasis: z.enum(['uk-gdpr-art15', 'dpa2018-sch2-para2', 'police-request']),
    recipient: z.string().trim().min(1).max(200),
    requestRef: z.string().trim().max(100).optional(),
    regions: z.array(Region).max(200).default([]),
    plateTracks: z
      .array(z.object({ vrm: z.string().max(12), samples: z.array(z.object({ t: z.number(), bbox: z.object({ x: z.number(), y: z.number(), w: z.number().positive(), h: z.number().positive() }) })).max(2000) }))
      .max(100)
      .optional(),
    plateTrackOffsetS: z.number().optional(),
  })
  .strict();

export const Disclosure = z.object({
  id: z.number(),
  reference: z.string(),
  requester: z.string(),
  requesterKind: z.string(),
  legalBasis: z.string(),
  recipient: z.string(),
  requestRef: z.string(),
  cameraId: z.number(),
  fromMs: z.number(),
  toMs: z.number(),
  vrm: z.string().nullable(),
  regions: z.number(),
  otherPlates: z.number(),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  files: z.array(z.object({ name: z.string(), bytes: z.number(), sha256: z.string(), url: z.string() })),
  error: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
  finishedAt: z.number().nullable(),
});
export type Disclosure = z.infer<typeof Disclosure>;

export const evidenceRoutes = {
  getCaseEvidence: route({
    method: 'GET', path: '/api/evidence/pcns/:id', access: anyRole, summary: "A case's evidence packs and witness statements", params: IdParams,
    reply: z.object({ packs: z.array(EvidencePack), statements: z.array(WitnessStatement) }),
  }),
  buildEvidencePack: route({
    method: 'POST', path: '/api/evidence/pcns/:id/packs', access: anyRole, summary: 'Build (a new version of) the signed evidence pack for a PCN', params: IdParams,
    body: z.object({ confirm: z.literal(true) }).strict(), reply: EvidencePack,
  }),
  verifyEvidencePack: route({
    method: 'GET', path: '/api/evidence/packs/:id/verify', access: anyRole, summary: 'Check a stored pack: every hash, the signature, the key', params: IdParams, reply: PackCheck,
  }),
  createWitnessStatement: route({
    method: 'POST', path: '/api/evidence/pcns/:id/statements', access: anyRole, summary: "The signed-in officer's witness statement for a PCN (PDF), kept with the case", params: IdParams,
    body: NewWitnessStatement, reply: WitnessStatement,
  }),
  getSigningKey: route({ method: 'GET', path: '/api/evidence/signing-key', access: anyRole, summary: "The installation's evidence-signing public key and fingerprint", reply: SigningKeyInfo }),
  listSignPhotos: route({
    method: 'GET', path: '/api/evidence/sign-photos', access: anyRole, summary: 'Photographs of the signs at a camera', query: z.object({ cameraId: z.coerce.number().int().positive() }), reply: z.array(SignPhoto),
  }),
  addSignPhoto: route({ method: 'POST', path: '/api/evidence/sign-photos', access: supervisorUp, summary: 'Add a photograph of the signs at a camera', body: NewSignPhoto, reply: SignPhoto }),
  getRetention: route({
    method: 'GET', path: '/api/dataprotection/retention', access: supervisorUp, summary: 'Retention periods per kind of data and the latest sweeps',
    reply: z.object({ settings: RetentionSettingsShape, runs: z.array(RetentionRun), nextRunAt: z.number().nullable() }),
  }),
  updateRetention: route({
    method: 'PUT', path: '/api/dataprotection/retention', access: adminOnly, summary: 'Change retention periods', body: RetentionSettingsShape.partial().strict().refine((b) => Object.keys(b).length > 0, 'change at least one period'),
    reply: RetentionSettingsShape,
  }),
  runRetentionNow: route({ method: 'POST', path: '/api/dataprotection/retention/run', access: adminOnly, summary: 'Apply the retention schedule now', body: z.object({ confirm: z.literal(true) }).strict(), reply: RetentionRun }),
  listDisclosures: route({ method: 'GET', path: '/api/dataprotection/disclosures', access: supervisorUp, summary: 'The disclosure register', reply: z.array(Disclosure) }),
  getDisclosure: route({ method: 'GET', path: '/api/dataprotection/disclosures/:id', access: supervisorUp, summary: 'One disclosure and its files', params: IdParams, reply: Disclosure }),
  createDisclosure: route({
    method: 'POST', path: '/api/dataprotection/disclosures', access: supervisorUp, summary: 'Export redacted footage for a subject-access or police request, with its record', body: NewDisclosure, reply: Disclosure,
  }),
} as const;
