// Reference (c): Socket.IO 4 with its default settings. A client joins the room named by the
// `room` query parameter on connection; a "pub" event is re-emitted as "msg" to the whole room
// with io.to(room).emit (sender included, as in Hearth's echo app).

import { Server } from 'socket.io';
import { startReferenceHttp } from './reference-http.ts';

const server = startReferenceHttp('socket.io');
const io = new Server(server);

io.on('connection', (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room !== 'string') return;
  void socket.join(room);
  socket.on('pub', (data: unknown) => {
    io.to(room).emit('msg', data);
  });
});
