/**
 * The person cut-out the engine draws in place of a character's head: the head region around the
 * detected face, with an elliptical alpha matte (feathered edge) taking in hair and chin.
 *
 * An approximation of selfie segmentation: the matte follows a head-shaped ellipse placed from the
 * face box, not the person's true outline (no segmentation model is obtainable offline here that
 * runs on this stack; see docs/trust-and-safety.md).
 */
import { writeFile } from 'node:fs/promises';
import { createCanvas } from '@napi-rs/canvas';
import type { RgbImage } from '../moderation/media/image';
import type { FaceBox } from './haarCascade';

export async function writeHeadCutout(frame: RgbImage, face: FaceBox, path: string): Promise<{ width: number; height: number }> {
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height * 0.45;
  const rx = face.width * 0.72;
  const ry = face.height * 0.95;
  const left = Math.max(0, Math.floor(cx - rx));
  const top = Math.max(0, Math.floor(cy - ry));
  const right = Math.min(frame.width, Math.ceil(cx + rx));
  const bottom = Math.min(frame.height, Math.ceil(cy + ry));
  const width = right - left;
  const height = bottom - top;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  const image = context.createImageData(width, height);
  const feather = 0.12;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = left + x;
      const sy = top + y;
      const d = Math.hypot((sx - cx) / rx, (sy - cy) / ry);
      const alpha = d <= 1 - feather ? 1 : d >= 1 ? 0 : (1 - d) / feather;
      const from = (sy * frame.width + sx) * 3;
      const to = (y * width + x) * 4;
      image.data[to] = frame.data[from];
      image.data[to + 1] = frame.data[from + 1];
      image.data[to + 2] = frame.data[from + 2];
      image.data[to + 3] = Math.round(alpha * 255);
    }
  }
  context.putImageData(image, 0, 0);
  await writeFile(path, canvas.toBuffer('image/png'));
  return { width, height };
}
