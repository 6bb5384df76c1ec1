import type { PcnDetail, PcnSummary } from '../api/contract/pcn-routes.js';
import type { PcnRow } from '../store/pcn-store.js';
import { isStage, nextStages } from './lifecycle.js';
import type { PcnService } from './pcn-service.js';

export function toPcnSummary(service: PcnService, p: PcnRow): PcnSummary {
  const d = service.dates(p);
  return {
    id: p.id, kind: p.kind, reference: p.reference, stage: p.stage as PcnSummary['stage'], vrm: p.vrm, code: p.code, codeDescription: p.codeDescription,
    place: p.place, cameraId: p.cameraId, eventId: p.eventId, contraventionAt: p.contraventionAt, amountPence: p.amountPence, discountPence: p.discountPence,
    certificatePence: p.certificatePence, paidPence: p.paidPence, officerName: p.officerName, issuedAt: p.issuedAt, noticeDate: p.noticeDate,
    noticeLang: p.noticeLang, noticeSha256: p.noticeSha256, postedDate: p.postedDate, keeperMismatch: p.keeperMismatch, cancelReason: p.cancelReason,
    dates: {
      contraventionDate: d.contraventionDate, serviceBy: d.serviceBy, postBy: d.postBy, noticeDate: d.noticeDate, postedDate: d.postedDate,
      deemedService: d.deemedService, serviceInTime: d.serviceInTime, discountUntil: d.discountUntil, paymentDue: d.paymentDue,
      representationsUntil: d.representationsUntil, enforcementNoticeFrom: d.enforcementNoticeFrom, chargeCertificateFrom: d.chargeCertificateFrom,
      orderForRecoveryFrom: d.orderForRecoveryFrom, verify: d.verify,
    },
  };
}

export function toPcnDetail(service: PcnService, p: PcnRow): PcnDetail {
  return {
    ...toPcnSummary(service, p),
    notes: p.notes, restrictionType: p.restrictionType, area: p.area, vehicleMake: p.vehicleMake, vehicleColour: p.vehicleColour,
    keeper: p.keeperName === null ? null : { name: p.keeperName, address: p.keeperAddress ?? [], postcode: p.keeperPostcode, make: p.keeperMake, model: p.keeperModel, colour: p.keeperColour },
    keeperPurgedAt: p.keeperPurgedAt,
    nextStages: isStage(p.stage) ? nextStages(p.kind, p.stage) : [],
    history: service.pcns.history(p.id).map((h) => ({ at: h.at, actorName: h.actorName, action: h.action, fromStage: h.fromStage, toStage: h.toStage, detail: h.detail })),
    payments: service.pcns.payments(p.id).map((x) => ({ amountPence: x.amountPence, expectedPence: x.expectedPence, paidOn: x.paidOn, method: x.method, reference: x.reference, flag: x.flag })),
    representations: service.pcns.representations(p.id).map((r) => ({ receivedOn: r.receivedOn, ground: r.ground, detail: r.detail, outcome: r.outcome, reason: r.reason })),
  };
}
