import type { BenchSuite } from '../figure.js';
import { apiSuite } from './api-suite.js';
import { anprSuite } from './anpr-suite.js';
import { ocrSuite } from './ocr-suite.js';
import { reviewSuite } from './review-suite.js';
import { playerSuite } from './player-suite.js';
import { camerasSuite } from './cameras-suite.js';
import { healthSuite } from './health-suite.js';
import { mediaSuite } from './media-suite.js';
import { estateSuite } from './estate-suite.js';

/** Every suite, in the order the table prints them. */
export const suites: BenchSuite[] = [apiSuite, anprSuite, playerSuite, camerasSuite, mediaSuite, ocrSuite, reviewSuite, healthSuite, estateSuite];
