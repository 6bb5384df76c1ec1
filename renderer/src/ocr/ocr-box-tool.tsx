import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Reply } from '../../../main/api/contract';
import { useApi } from '../api/api-context';
import { errorMessage } from '../api/api-error';
import { Alert } from '../components/alert';
import { Button } from '../components/button';
import { PlateReadingView } from './plate-reading-view';
import './ocr-box-tool.css';

export interface OcrBoxToolProps {
  cameraId: number;
  /** The video whose painted frame is read (the box is drawn over it). */
  video: () => HTMLVideoElement | null;
  /** Wall time (UTC ms) of the frame on screen; null when none is painted yet. */
  frameTime: () => number | null;
  onClose: () => void;
  /** When the officer adopts the suggestion (e.g. to compare with the ANPR read). */
  onReading?: (r: Reply<'ocrFrame'>) => void;
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The part of the element the picture fills (a <video> letterboxes its picture: object-fit contain). */
function pictureRect(v: HTMLVideoElement): DOMRect {
  const r = v.getBoundingClientRect();
  if (!v.videoWidth || !v.videoHeight) return r;
  const scale = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);
  const w = v.videoWidth * scale;
  const h = v.videoHeight * scale;
  return new DOMRect(r.left + (r.width - w) / 2, r.top + (r.height - h) / 2, w, h);
}

/**
 * OCR assist over any frame: the officer drags a box round a plate on the
 * paused picture; the core cuts that box out of the recorded frame at full
 * resolution (not the scaled video) and reads it. The reading, its UK-format
 * suggestion with every change, and the confidence are shown; nothing is
 * changed in the case without the officer. Keyboard: Esc closes; the box can
 * also be nudged with the arrow keys once drawn, Enter reads it again.
 */
export function OcrBoxTool({ cameraId, video, frameTime, onClose, onReading }: OcrBoxToolProps) {
  const api = useApi();
  const overlay = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; rect: Rect } | null>(null);
  const [box, setBox] = useState<Rect | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reading, setReading] = useState<Reply<'ocrFrame'> | null>(null);

  const toLocal = (e: ReactPointerEvent) => {
    const r = overlay.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const read = useCallback(
    async (rect: Rect) => {
      const v = video();
      const at = frameTime();
      if (!v || at === null || !overlay.current) return setError('No frame is on screen yet: wait for the picture, pause, then draw the box.');
      const o = overlay.current.getBoundingClientRect();
      const p = pictureRect(v);
      // Overlay pixels → fractions of the recorded picture.
      const clamp = (n: number) => Math.min(1, Math.max(0, n));
      const x = clamp((o.left + rect.x - p.left) / p.width);
      const y = clamp((o.top + rect.y - p.top) / p.height);
      const b = { x, y, w: Math.min(1 - x, rect.w / p.width), h: Math.min(1 - y, rect.h / p.height) };
      if (b.w < 0.005 || b.h < 0.005) return setError('Draw the box round the whole plate.');
      setBusy(true);
      setError(null);
      try {
        const r = await api.call('ocrFrame', { body: { cameraId, at: Math.round(at), box: b } });
        setReading(r);
        onReading?.(r);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [api, cameraId, frameTime, onReading, video],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const shown = drag?.rect ?? box;
  return (
    <div className="ocr-tool">
      <div
        ref={overlay}
        className="ocr-tool__overlay"
        data-testid="ocr-overlay"
        role="application"
        aria-label="Draw a box round the plate with the mouse; the reading appears below"
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const p = toLocal(e);
          setDrag({ x0: p.x, y0: p.y, rect: { x: p.x, y: p.y, w: 0, h: 0 } });
        }}
        onPointerMove={(e) => {
          if (!drag) return;
          const p = toLocal(e);
          setDrag({ ...drag, rect: { x: Math.min(drag.x0, p.x), y: Math.min(drag.y0, p.y), w: Math.abs(p.x - drag.x0), h: Math.abs(p.y - drag.y0) } });
        }}
        onPointerUp={() => {
          if (!drag) return;
          const r = drag.rect;
          setDrag(null);
          setBox(r);
          void read(r);
        }}
      >
        {shown ? <div className="ocr-tool__box" data-testid="ocr-box" style={{ left: shown.x, top: shown.y, width: shown.w, height: shown.h }} /> : null}
      </div>
      <div className="ocr-tool__panel" aria-live="polite">
        {busy ? <p>Reading the plate…</p> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        {reading && !busy ? <PlateReadingView reading={reading} /> : null}
        {!reading && !busy && !error ? <p className="ocr-tool__hint">Drag a box round the plate.</p> : null}
        <div className="ocr-tool__actions">
          {box ? (
            <Button size="small" onClick={() => void read(box)} disabled={busy}>
              Read again
            </Button>
          ) : null}
          <Button size="small" onClick={onClose}>
            Close (Esc)
          </Button>
        </div>
      </div>
    </div>
  );
}
