import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, as every browser test and the player benchmark
 * run it. The flags are this machine's constraints, kept in one place:
 * running as root needs --no-sandbox; the network is closed, so Chromium's
 * background fetches (component updates, sync, QUIC) are switched off rather
 * than left failing many times a second; and video may play without a click.
 */
export const chromiumPath = process.env.CCTV_CHROMIUM ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}
