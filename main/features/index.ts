import type { FeatureFactory } from './feature.js';
import { camerasFeature } from '../cameras/cameras-feature.js';
import { createMediaFeature } from '../media/media-feature.js';
import { createHealthFeature } from '../health/health-feature.js';
import { anprFeature } from '../anpr/anpr-feature.js';
import { reviewFeature } from '../review/review-feature.js';
import { pcnFeature } from '../pcn/pcn-feature.js';
import { evidenceFeature } from '../evidence/evidence-feature.js';

/**
 * Every feature of the core, in dependency order: a feature may use only the
 * ones listed above it. One import and one line per feature.
 */
export const featureFactories: FeatureFactory[] = [
  // cameras, then media (recording, playback, clips), health, anpr (reads, white list), review, pcn, evidence
  camerasFeature,
  createMediaFeature,
  createHealthFeature,
  anprFeature,
  reviewFeature,
  pcnFeature,
  evidenceFeature,
];
