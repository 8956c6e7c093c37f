// A typed EventTarget: the base the reconnecting socket and the three app clients extend, so
// `addEventListener('close', (e) => e.code)` type-checks against each one's event map. Standard
// web APIs only (EventTarget): browsers and Node 24 alike.

type Listener = Parameters<EventTarget['addEventListener']>[1];
type AddOptions = Parameters<EventTarget['addEventListener']>[2];
type RemoveOptions = Parameters<EventTarget['removeEventListener']>[2];
// What the implementations take: while M is generic, TypeScript does not see `(event: M[K]) => void`
// as an EventListener (it is one: every M[K] is an Event), hence the `never` and the cast.
type AnyListener = Listener | ((event: never) => void);

/** An EventTarget whose listeners for the names in `M` receive `M`'s event classes. */
export class TypedEventTarget<M extends Record<keyof M, Event>> extends EventTarget {
  // Typed listeners: the event map's names get their event classes; any other name stays open.
  override addEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => void,
    options?: AddOptions,
  ): void;
  override addEventListener(type: string, listener: Listener, options?: AddOptions): void;
  override addEventListener(type: string, listener: AnyListener, options?: AddOptions): void {
    super.addEventListener(type, listener as Listener, options);
  }

  override removeEventListener<K extends keyof M & string>(
    type: K,
    listener: (event: M[K]) => void,
    options?: RemoveOptions,
  ): void;
  override removeEventListener(type: string, listener: Listener, options?: RemoveOptions): void;
  override removeEventListener(type: string, listener: AnyListener, options?: RemoveOptions): void {
    super.removeEventListener(type, listener as Listener, options);
  }
}
