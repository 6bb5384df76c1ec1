import { useEffect, useRef } from 'react';

export interface ShortcutMap {
  /** Alt+1…9 (by physical key, so it works on any keyboard layout). */
  altDigit?: Record<number, () => void>;
  /** "g" then a letter, within a second and a half, like mail clients. */
  goKey?: Record<string, () => void>;
  /** "?" */
  help?: () => void;
}

const goWindowMs = 1_500;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(type);
  }
  return false;
}

/**
 * The workstation's page shortcuts. Letters are ignored while the user types
 * in a field, and everything is ignored while a modal dialog is open (the
 * dialog owns the keyboard then). Alt+digit works even from a field: it can't
 * be typed text.
 */
export function useGlobalShortcuts(map: ShortcutMap): void {
  const latest = useRef(map);
  useEffect(() => {
    latest.current = map;
  });

  useEffect(() => {
    let goPressedAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
      if (document.querySelector('dialog[open]')) return;
      const m = latest.current;

      const digit = /^Digit([0-9])$/.exec(e.code)?.[1];
      if (e.altKey && !e.shiftKey && digit) {
        const action = m.altDigit?.[Number(digit)];
        if (action) {
          e.preventDefault();
          action();
        }
        return;
      }
      if (e.altKey || isTyping(e.target)) return;

      if (e.key === '?') {
        e.preventDefault();
        m.help?.();
        return;
      }
      const key = e.key.toLowerCase();
      if (goPressedAt && Date.now() - goPressedAt < goWindowMs) {
        goPressedAt = 0;
        const action = m.goKey?.[key];
        if (action) {
          e.preventDefault();
          action();
        }
        return;
      }
      if (key === 'g' && !e.shiftKey) goPressedAt = Date.now();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
