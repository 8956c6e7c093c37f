// Room membership for the raw reference servers: the `room` query parameter names the room a
// connection joins at the upgrade, as with Hearth's echo app (`/echo/ws?room=NAME`).

export function roomFromUrl(url: string | undefined): string | undefined {
  const query = url?.split('?')[1];
  if (query === undefined) return undefined;
  return new URLSearchParams(query).get('room') ?? undefined;
}

export class Rooms<Member> {
  private readonly rooms = new Map<string, Set<Member>>();

  /** Adds the member and returns the room's member set (iterated by every broadcast). */
  join(room: string, member: Member): Set<Member> {
    let members = this.rooms.get(room);
    if (members === undefined) {
      members = new Set();
      this.rooms.set(room, members);
    }
    members.add(member);
    return members;
  }

  leave(room: string, member: Member): void {
    const members = this.rooms.get(room);
    members?.delete(member);
    if (members?.size === 0) this.rooms.delete(room);
  }
}
