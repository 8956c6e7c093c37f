// Reference (a): the minimal `ws` broadcast everyone writes first. Every frame a member of a
// room sends goes to every member (sender included) with ws.send of the string, i.e. framed once
// per recipient; without a room a frame is echoed to its sender — Hearth's echo app semantics.
// No compression, no limits, no bookkeeping beyond the room sets.

import { WebSocketServer, type WebSocket } from 'ws';
import { startReferenceHttp } from './reference-http.ts';
import { roomFromUrl, Rooms } from './rooms.ts';

const server = startReferenceHttp('raw-ws-naive');
const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
});
const rooms = new Rooms<WebSocket>();

server.on('upgrade', (request, socket, head) => {
  const room = roomFromUrl(request.url);
  wss.handleUpgrade(request, socket, head, (ws) => {
    const members = room === undefined ? new Set([ws]) : rooms.join(room, ws);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const message = isBinary ? data : data.toString('utf8');
      for (const member of members) member.send(message);
    });
    ws.once('close', () => {
      if (room !== undefined) rooms.leave(room, ws);
    });
  });
});
