// The room seen from above: the x/z plane of the poses drawn on a canvas, every peer a dot with
// its name, this client's dot in the accent colour. Redrawn on the next animation frame after a
// change, at the canvas's CSS size times the device pixel ratio (sharp on any screen).

/** The map shows x and z from -EXTENT to +EXTENT metres. */
export const EXTENT = 10;

export interface MapDot {
  readonly name: string;
  readonly x: number;
  readonly z: number;
}

export class RoomMap {
  readonly #canvas: HTMLCanvasElement;
  #self: MapDot | undefined;
  #peers: readonly MapDot[] = [];
  #frame: number | undefined;

  constructor(canvas: HTMLCanvasElement) {
    this.#canvas = canvas;
    new ResizeObserver(() => {
      this.#schedule();
    }).observe(canvas);
  }

  update(self: MapDot | undefined, peers: readonly MapDot[]): void {
    this.#self = self;
    this.#peers = peers;
    this.#schedule();
  }

  /** World coordinates under a point of the canvas (client pixels). */
  toWorld(clientX: number, clientY: number): { x: number; z: number } {
    const box = this.#canvas.getBoundingClientRect();
    const u = box.width === 0 ? 0.5 : (clientX - box.left) / box.width;
    const v = box.height === 0 ? 0.5 : (clientY - box.top) / box.height;
    return { x: (u * 2 - 1) * EXTENT, z: (v * 2 - 1) * EXTENT };
  }

  #schedule(): void {
    if (this.#frame !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = undefined;
      this.#draw();
    });
  }

  #draw(): void {
    const canvas = this.#canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(canvas.clientWidth * ratio);
    const height = Math.round(canvas.clientHeight * ratio);
    if (width === 0 || height === 0) return;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const context = canvas.getContext('2d');
    if (context === null) return;
    const styles = getComputedStyle(canvas);
    const colour = (name: string): string => styles.getPropertyValue(name).trim() || 'gray';
    context.clearRect(0, 0, width, height);
    context.strokeStyle = colour('--border');
    context.lineWidth = 1;
    for (let line = -EXTENT; line <= EXTENT; line += 2) {
      const [gx] = this.#toCanvas(line, 0, width, height);
      const [, gy] = this.#toCanvas(0, line, width, height);
      context.beginPath();
      context.moveTo(gx, 0);
      context.lineTo(gx, height);
      context.moveTo(0, gy);
      context.lineTo(width, gy);
      context.stroke();
    }
    const radius = 8 * ratio;
    context.font = `${String(13 * ratio)}px system-ui, sans-serif`;
    context.textAlign = 'center';
    const dot = (entry: MapDot, fill: string): void => {
      const [cx, cy] = this.#toCanvas(entry.x, entry.z, width, height);
      context.beginPath();
      context.arc(cx, cy, radius, 0, Math.PI * 2);
      context.fillStyle = fill;
      context.fill();
      context.fillStyle = colour('--text');
      context.fillText(entry.name, cx, cy - radius - 4 * ratio);
    };
    for (const peer of this.#peers) dot(peer, colour('--focus'));
    if (this.#self !== undefined) dot(this.#self, colour('--accent'));
  }

  #toCanvas(x: number, z: number, width: number, height: number): [number, number] {
    return [((x / EXTENT + 1) / 2) * width, ((z / EXTENT + 1) / 2) * height];
  }
}
