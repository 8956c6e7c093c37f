// Reference (b): the practical limit of Node + ws. Same semantics as raw-ws-naive (room
// broadcast including the sender, echo without a room), but each message is framed once and the
// same bytes are written straight to every member's net.Socket (one write per recipient).

import type { Socket } from 'node:net';
import { WebSocketServer } from 'ws';
import { encodeFrame } from './frame.ts';
import { startReferenceHttp } from './reference-http.ts';
import { roomFromUrl, Rooms } from './rooms.ts';

const server = startReferenceHttp('raw-ws-prepared');
const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  clientTracking: false,
});
const rooms = new Rooms<Socket>();

server.on('upgrade', (request, socket: Socket, head) => {
  const room = roomFromUrl(request.url);
  wss.handleUpgrade(request, socket, head, (ws) => {
    const members = room === undefined ? new Set([socket]) : rooms.join(room, socket);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      const frame = encodeFrame(data, isBinary);
      for (const member of members) if (member.writable) member.write(frame);
    });
    ws.once('close', () => {
      if (room !== undefined) rooms.leave(room, socket);
    });
  });
});
