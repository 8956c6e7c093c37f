// GENERATED from src/protocol/presence.proto by `npm run proto:generate`, which runs
// scripts/gen-presence-proto.ts: `pbjs --target=static-module --wrap=esm --dts --no-delimited --no-typeurl --no-service`,
// then Prettier. Do not edit: edit the .proto and regenerate (a test fails while they differ).
/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from 'protobufjs/minimal.js';

// Common aliases
const $Reader = $protobuf.Reader,
  $Writer = $protobuf.Writer,
  $util = $protobuf.util;
const $Object = $util.global.Object,
  $undefined = $util.global.undefined,
  $Error = $util.global.Error,
  $RangeError = $util.global.RangeError,
  $TypeError = $util.global.TypeError,
  $String = $util.global.String,
  $Number = $util.global.Number,
  $parseInt = $util.global.parseInt,
  $BigInt = $util.global.BigInt,
  $isFinite = $util.global.isFinite,
  $Array = $util.global.Array;

// Exported root namespace
const $root = $protobuf.roots['default'] || ($protobuf.roots['default'] = {});

export const graphwiz = ($root.graphwiz = (() => {
  /**
   * Namespace graphwiz.
   * @exports graphwiz
   * @namespace
   */
  const graphwiz = {};

  graphwiz.core = (function () {
    /**
     * Namespace core.
     * @memberof graphwiz
     * @namespace
     */
    const core = {};

    core.Message = (function () {
      /**
       * Properties of a Message.
       * @typedef {Object} graphwiz.core.Message.$Properties
       * @property {string|null} [messageId] Message messageId
       * @property {number|Long|null} [timestamp] Message timestamp
       * @property {graphwiz.core.MessageType|null} [type] Message type
       * @property {graphwiz.core.ClientHello.$Properties|null} [clientHello] Message clientHello
       * @property {graphwiz.core.ServerHello.$Properties|null} [serverHello] Message serverHello
       * @property {graphwiz.core.PositionUpdate.$Properties|null} [positionUpdate] Message positionUpdate
       * @property {graphwiz.core.VoiceData.$Properties|null} [voiceData] Message voiceData
       * @property {graphwiz.core.EntitySpawn.$Properties|null} [entitySpawn] Message entitySpawn
       * @property {graphwiz.core.EntityUpdate.$Properties|null} [entityUpdate] Message entityUpdate
       * @property {graphwiz.core.EntityDespawn.$Properties|null} [entityDespawn] Message entityDespawn
       * @property {graphwiz.core.ChatMessage.$Properties|null} [chatMessage] Message chatMessage
       * @property {graphwiz.core.PresenceEvent.$Properties|null} [presenceEvent] Message presenceEvent
       * @property {graphwiz.core.Ack.$Properties|null} [ack] Message ack
       * @property {"clientHello"|"serverHello"|"positionUpdate"|"voiceData"|"entitySpawn"|"entityUpdate"|"entityDespawn"|"chatMessage"|"presenceEvent"|"ack"} [payload] Message payload
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Message.
       * @memberof graphwiz.core
       * @interface IMessage
       * @augments graphwiz.core.Message.$Properties
       * @deprecated Use graphwiz.core.Message.$Properties instead.
       */

      /**
       * Narrowed shape of a Message.
       * @typedef {{
       *   messageId?: string|null;
       *   timestamp?: number|Long|null;
       *   type?: graphwiz.core.MessageType|null;
       *   clientHello?: graphwiz.core.ClientHello.$Shape|null;
       *   serverHello?: graphwiz.core.ServerHello.$Shape|null;
       *   positionUpdate?: graphwiz.core.PositionUpdate.$Shape|null;
       *   voiceData?: graphwiz.core.VoiceData.$Shape|null;
       *   entitySpawn?: graphwiz.core.EntitySpawn.$Shape|null;
       *   entityUpdate?: graphwiz.core.EntityUpdate.$Shape|null;
       *   entityDespawn?: graphwiz.core.EntityDespawn.$Shape|null;
       *   chatMessage?: graphwiz.core.ChatMessage.$Shape|null;
       *   presenceEvent?: graphwiz.core.PresenceEvent.$Shape|null;
       *   ack?: graphwiz.core.Ack.$Shape|null;
       *   $unknowns?: Array.<Uint8Array>;
       * } & (
       *   ({ payload?: undefined; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "clientHello"; clientHello: graphwiz.core.ClientHello.$Shape; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "serverHello"; clientHello?: null; serverHello: graphwiz.core.ServerHello.$Shape; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "positionUpdate"; clientHello?: null; serverHello?: null; positionUpdate: graphwiz.core.PositionUpdate.$Shape; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "voiceData"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData: graphwiz.core.VoiceData.$Shape; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "entitySpawn"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn: graphwiz.core.EntitySpawn.$Shape; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "entityUpdate"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate: graphwiz.core.EntityUpdate.$Shape; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "entityDespawn"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn: graphwiz.core.EntityDespawn.$Shape; chatMessage?: null; presenceEvent?: null; ack?: null }|{ payload?: "chatMessage"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage: graphwiz.core.ChatMessage.$Shape; presenceEvent?: null; ack?: null }|{ payload?: "presenceEvent"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent: graphwiz.core.PresenceEvent.$Shape; ack?: null }|{ payload?: "ack"; clientHello?: null; serverHello?: null; positionUpdate?: null; voiceData?: null; entitySpawn?: null; entityUpdate?: null; entityDespawn?: null; chatMessage?: null; presenceEvent?: null; ack: graphwiz.core.Ack.$Shape })
       * )} graphwiz.core.Message.$Shape
       */

      /**
       * Constructs a new Message.
       * @memberof graphwiz.core
       * @classdesc Represents a Message.
       * @constructor
       * @param {graphwiz.core.Message.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Message = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * Message messageId.
       * @member {string} messageId
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.messageId = '';

      /**
       * Message timestamp.
       * @member {number|Long} timestamp
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.timestamp = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;

      /**
       * Message type.
       * @member {graphwiz.core.MessageType} type
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.type = 0;

      /**
       * Message clientHello.
       * @member {graphwiz.core.ClientHello.$Properties|null|undefined} clientHello
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.clientHello = null;

      /**
       * Message serverHello.
       * @member {graphwiz.core.ServerHello.$Properties|null|undefined} serverHello
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.serverHello = null;

      /**
       * Message positionUpdate.
       * @member {graphwiz.core.PositionUpdate.$Properties|null|undefined} positionUpdate
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.positionUpdate = null;

      /**
       * Message voiceData.
       * @member {graphwiz.core.VoiceData.$Properties|null|undefined} voiceData
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.voiceData = null;

      /**
       * Message entitySpawn.
       * @member {graphwiz.core.EntitySpawn.$Properties|null|undefined} entitySpawn
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.entitySpawn = null;

      /**
       * Message entityUpdate.
       * @member {graphwiz.core.EntityUpdate.$Properties|null|undefined} entityUpdate
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.entityUpdate = null;

      /**
       * Message entityDespawn.
       * @member {graphwiz.core.EntityDespawn.$Properties|null|undefined} entityDespawn
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.entityDespawn = null;

      /**
       * Message chatMessage.
       * @member {graphwiz.core.ChatMessage.$Properties|null|undefined} chatMessage
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.chatMessage = null;

      /**
       * Message presenceEvent.
       * @member {graphwiz.core.PresenceEvent.$Properties|null|undefined} presenceEvent
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.presenceEvent = null;

      /**
       * Message ack.
       * @member {graphwiz.core.Ack.$Properties|null|undefined} ack
       * @memberof graphwiz.core.Message
       * @instance
       */
      Message.prototype.ack = null;

      // OneOf field names bound to virtual getters and setters
      let $oneOfFields;

      /**
       * Message payload.
       * @member {"clientHello"|"serverHello"|"positionUpdate"|"voiceData"|"entitySpawn"|"entityUpdate"|"entityDespawn"|"chatMessage"|"presenceEvent"|"ack"|undefined} payload
       * @memberof graphwiz.core.Message
       * @instance
       */
      $Object.defineProperty(Message.prototype, 'payload', {
        get: $util.oneOfGetter(
          ($oneOfFields = [
            'clientHello',
            'serverHello',
            'positionUpdate',
            'voiceData',
            'entitySpawn',
            'entityUpdate',
            'entityDespawn',
            'chatMessage',
            'presenceEvent',
            'ack',
          ]),
        ),
        set: $util.oneOfSetter($oneOfFields),
      });

      /**
       * Creates a new Message instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.Message
       * @static
       * @param {graphwiz.core.Message.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.Message} Message instance
       * @type {{
       *   (properties: graphwiz.core.Message.$Shape): graphwiz.core.Message & graphwiz.core.Message.$Shape;
       *   (properties?: graphwiz.core.Message.$Properties): graphwiz.core.Message;
       * }}
       */
      Message.create = function (properties) {
        return new Message(properties);
      };

      /**
       * Encodes the specified Message message. Does not implicitly {@link graphwiz.core.Message.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.Message
       * @static
       * @param {graphwiz.core.Message.$Properties} message Message message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      Message.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.messageId != null &&
          $Object.hasOwnProperty.call(message, 'messageId') &&
          message.messageId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.messageId);
        if (
          message.timestamp != null &&
          $Object.hasOwnProperty.call(message, 'timestamp') &&
          (typeof message.timestamp === 'object'
            ? message.timestamp.low || message.timestamp.high
            : message.timestamp !== 0)
        )
          writer.uint32(/* id 2, wireType 0 =*/ 16).int64(message.timestamp);
        if (
          message.type != null &&
          $Object.hasOwnProperty.call(message, 'type') &&
          message.type !== 0
        )
          writer.uint32(/* id 3, wireType 0 =*/ 24).int32(message.type);
        if (message.clientHello != null && $Object.hasOwnProperty.call(message, 'clientHello'))
          $root.graphwiz.core.ClientHello.encode(
            message.clientHello,
            writer.uint32(/* id 10, wireType 2 =*/ 82).fork(),
            _depth + 1,
          ).ldelim();
        if (message.serverHello != null && $Object.hasOwnProperty.call(message, 'serverHello'))
          $root.graphwiz.core.ServerHello.encode(
            message.serverHello,
            writer.uint32(/* id 11, wireType 2 =*/ 90).fork(),
            _depth + 1,
          ).ldelim();
        if (
          message.positionUpdate != null &&
          $Object.hasOwnProperty.call(message, 'positionUpdate')
        )
          $root.graphwiz.core.PositionUpdate.encode(
            message.positionUpdate,
            writer.uint32(/* id 20, wireType 2 =*/ 162).fork(),
            _depth + 1,
          ).ldelim();
        if (message.voiceData != null && $Object.hasOwnProperty.call(message, 'voiceData'))
          $root.graphwiz.core.VoiceData.encode(
            message.voiceData,
            writer.uint32(/* id 21, wireType 2 =*/ 170).fork(),
            _depth + 1,
          ).ldelim();
        if (message.entitySpawn != null && $Object.hasOwnProperty.call(message, 'entitySpawn'))
          $root.graphwiz.core.EntitySpawn.encode(
            message.entitySpawn,
            writer.uint32(/* id 30, wireType 2 =*/ 242).fork(),
            _depth + 1,
          ).ldelim();
        if (message.entityUpdate != null && $Object.hasOwnProperty.call(message, 'entityUpdate'))
          $root.graphwiz.core.EntityUpdate.encode(
            message.entityUpdate,
            writer.uint32(/* id 31, wireType 2 =*/ 250).fork(),
            _depth + 1,
          ).ldelim();
        if (message.entityDespawn != null && $Object.hasOwnProperty.call(message, 'entityDespawn'))
          $root.graphwiz.core.EntityDespawn.encode(
            message.entityDespawn,
            writer.uint32(/* id 32, wireType 2 =*/ 258).fork(),
            _depth + 1,
          ).ldelim();
        if (message.chatMessage != null && $Object.hasOwnProperty.call(message, 'chatMessage'))
          $root.graphwiz.core.ChatMessage.encode(
            message.chatMessage,
            writer.uint32(/* id 40, wireType 2 =*/ 322).fork(),
            _depth + 1,
          ).ldelim();
        if (message.presenceEvent != null && $Object.hasOwnProperty.call(message, 'presenceEvent'))
          $root.graphwiz.core.PresenceEvent.encode(
            message.presenceEvent,
            writer.uint32(/* id 50, wireType 2 =*/ 402).fork(),
            _depth + 1,
          ).ldelim();
        if (message.ack != null && $Object.hasOwnProperty.call(message, 'ack'))
          $root.graphwiz.core.Ack.encode(
            message.ack,
            writer.uint32(/* id 60, wireType 2 =*/ 482).fork(),
            _depth + 1,
          ).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a Message message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.Message
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.Message & graphwiz.core.Message.$Shape} Message
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Message.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.Message();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.messageId = value;
              else delete message.messageId;
              continue;
            }
            case 2: {
              if (wireType !== 0) break;
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.timestamp = value;
              else delete message.timestamp;
              continue;
            }
            case 3: {
              if (wireType !== 0) break;
              if ((value = reader.int32())) message.type = value;
              else delete message.type;
              continue;
            }
            case 10: {
              if (wireType !== 2) break;
              message.clientHello = $root.graphwiz.core.ClientHello.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.clientHello,
              );
              message.payload = 'clientHello';
              continue;
            }
            case 11: {
              if (wireType !== 2) break;
              message.serverHello = $root.graphwiz.core.ServerHello.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.serverHello,
              );
              message.payload = 'serverHello';
              continue;
            }
            case 20: {
              if (wireType !== 2) break;
              message.positionUpdate = $root.graphwiz.core.PositionUpdate.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.positionUpdate,
              );
              message.payload = 'positionUpdate';
              continue;
            }
            case 21: {
              if (wireType !== 2) break;
              message.voiceData = $root.graphwiz.core.VoiceData.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.voiceData,
              );
              message.payload = 'voiceData';
              continue;
            }
            case 30: {
              if (wireType !== 2) break;
              message.entitySpawn = $root.graphwiz.core.EntitySpawn.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.entitySpawn,
              );
              message.payload = 'entitySpawn';
              continue;
            }
            case 31: {
              if (wireType !== 2) break;
              message.entityUpdate = $root.graphwiz.core.EntityUpdate.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.entityUpdate,
              );
              message.payload = 'entityUpdate';
              continue;
            }
            case 32: {
              if (wireType !== 2) break;
              message.entityDespawn = $root.graphwiz.core.EntityDespawn.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.entityDespawn,
              );
              message.payload = 'entityDespawn';
              continue;
            }
            case 40: {
              if (wireType !== 2) break;
              message.chatMessage = $root.graphwiz.core.ChatMessage.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.chatMessage,
              );
              message.payload = 'chatMessage';
              continue;
            }
            case 50: {
              if (wireType !== 2) break;
              message.presenceEvent = $root.graphwiz.core.PresenceEvent.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.presenceEvent,
              );
              message.payload = 'presenceEvent';
              continue;
            }
            case 60: {
              if (wireType !== 2) break;
              message.ack = $root.graphwiz.core.Ack.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.ack,
              );
              message.payload = 'ack';
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a Message message.
       * @function verify
       * @memberof graphwiz.core.Message
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      Message.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        let properties = {};
        if (message.messageId != null && $Object.hasOwnProperty.call(message, 'messageId'))
          if (!$util.isString(message.messageId)) return 'messageId: string expected';
        if (message.timestamp != null && $Object.hasOwnProperty.call(message, 'timestamp'))
          if (
            !$util.isInteger(message.timestamp) &&
            !(
              message.timestamp &&
              $util.isInteger(message.timestamp.low) &&
              $util.isInteger(message.timestamp.high)
            )
          )
            return 'timestamp: integer|Long expected';
        if (message.type != null && $Object.hasOwnProperty.call(message, 'type'))
          if (typeof message.type !== 'number' || (message.type | 0) !== message.type)
            return 'type: enum value expected';
        if (message.clientHello != null && $Object.hasOwnProperty.call(message, 'clientHello')) {
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.ClientHello.verify(message.clientHello, _depth + 1);
            if (error) return 'clientHello.' + error;
          }
        }
        if (message.serverHello != null && $Object.hasOwnProperty.call(message, 'serverHello')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.ServerHello.verify(message.serverHello, _depth + 1);
            if (error) return 'serverHello.' + error;
          }
        }
        if (
          message.positionUpdate != null &&
          $Object.hasOwnProperty.call(message, 'positionUpdate')
        ) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.PositionUpdate.verify(
              message.positionUpdate,
              _depth + 1,
            );
            if (error) return 'positionUpdate.' + error;
          }
        }
        if (message.voiceData != null && $Object.hasOwnProperty.call(message, 'voiceData')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.VoiceData.verify(message.voiceData, _depth + 1);
            if (error) return 'voiceData.' + error;
          }
        }
        if (message.entitySpawn != null && $Object.hasOwnProperty.call(message, 'entitySpawn')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.EntitySpawn.verify(message.entitySpawn, _depth + 1);
            if (error) return 'entitySpawn.' + error;
          }
        }
        if (message.entityUpdate != null && $Object.hasOwnProperty.call(message, 'entityUpdate')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.EntityUpdate.verify(message.entityUpdate, _depth + 1);
            if (error) return 'entityUpdate.' + error;
          }
        }
        if (
          message.entityDespawn != null &&
          $Object.hasOwnProperty.call(message, 'entityDespawn')
        ) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.EntityDespawn.verify(message.entityDespawn, _depth + 1);
            if (error) return 'entityDespawn.' + error;
          }
        }
        if (message.chatMessage != null && $Object.hasOwnProperty.call(message, 'chatMessage')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.ChatMessage.verify(message.chatMessage, _depth + 1);
            if (error) return 'chatMessage.' + error;
          }
        }
        if (
          message.presenceEvent != null &&
          $Object.hasOwnProperty.call(message, 'presenceEvent')
        ) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.PresenceEvent.verify(message.presenceEvent, _depth + 1);
            if (error) return 'presenceEvent.' + error;
          }
        }
        if (message.ack != null && $Object.hasOwnProperty.call(message, 'ack')) {
          if (properties.payload === 1) return 'payload: multiple values';
          properties.payload = 1;
          {
            let error = $root.graphwiz.core.Ack.verify(message.ack, _depth + 1);
            if (error) return 'ack.' + error;
          }
        }
        return null;
      };

      /**
       * Creates a Message message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.Message
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.Message} Message
       */
      Message.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.Message) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.Message: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.Message();
        if (object.messageId != null)
          if (typeof object.messageId !== 'string' || object.messageId.length)
            message.messageId = $String(object.messageId);
        if (object.timestamp != null)
          if (
            typeof object.timestamp === 'object'
              ? object.timestamp.low || object.timestamp.high
              : $Number(object.timestamp) !== 0
          )
            if ($util.Long) message.timestamp = $util.Long.fromValue(object.timestamp, false);
            else if (typeof object.timestamp === 'string')
              message.timestamp = $parseInt(object.timestamp, 10);
            else if (typeof object.timestamp === 'number') message.timestamp = object.timestamp;
            else if (typeof object.timestamp === 'object')
              message.timestamp = new $util.LongBits(
                object.timestamp.low >>> 0,
                object.timestamp.high >>> 0,
              ).toNumber();
        if (
          object.type !== 0 &&
          (typeof object.type !== 'string' || $root.graphwiz.core.MessageType[object.type] !== 0)
        )
          switch (object.type) {
            case 'UNKNOWN':
            case 0:
              message.type = 0;
              break;
            case 'CLIENT_HELLO':
            case 1:
              message.type = 1;
              break;
            case 'SERVER_HELLO':
            case 2:
              message.type = 2;
              break;
            case 'POSITION_UPDATE':
            case 10:
              message.type = 10;
              break;
            case 'VOICE_DATA':
            case 11:
              message.type = 11;
              break;
            case 'ENTITY_SPAWN':
            case 20:
              message.type = 20;
              break;
            case 'ENTITY_UPDATE':
            case 21:
              message.type = 21;
              break;
            case 'ENTITY_DESPAWN':
            case 22:
              message.type = 22;
              break;
            case 'CHAT_MESSAGE':
            case 30:
              message.type = 30;
              break;
            case 'PRESENCE_JOIN':
            case 40:
              message.type = 40;
              break;
            case 'PRESENCE_LEAVE':
            case 41:
              message.type = 41;
              break;
            case 'PRESENCE_UPDATE':
            case 42:
              message.type = 42;
              break;
            case 'ACK':
            case 60:
              message.type = 60;
              break;
            default:
              if (typeof object.type === 'number' && (object.type | 0) === object.type)
                message.type = object.type;
          }
        if (object.clientHello != null) {
          if (!$util.isObject(object.clientHello))
            throw $TypeError('.graphwiz.core.Message.clientHello: object expected');
          message.clientHello = $root.graphwiz.core.ClientHello.fromObject(
            object.clientHello,
            _depth + 1,
          );
        }
        if (object.serverHello != null) {
          if (!$util.isObject(object.serverHello))
            throw $TypeError('.graphwiz.core.Message.serverHello: object expected');
          message.serverHello = $root.graphwiz.core.ServerHello.fromObject(
            object.serverHello,
            _depth + 1,
          );
        }
        if (object.positionUpdate != null) {
          if (!$util.isObject(object.positionUpdate))
            throw $TypeError('.graphwiz.core.Message.positionUpdate: object expected');
          message.positionUpdate = $root.graphwiz.core.PositionUpdate.fromObject(
            object.positionUpdate,
            _depth + 1,
          );
        }
        if (object.voiceData != null) {
          if (!$util.isObject(object.voiceData))
            throw $TypeError('.graphwiz.core.Message.voiceData: object expected');
          message.voiceData = $root.graphwiz.core.VoiceData.fromObject(
            object.voiceData,
            _depth + 1,
          );
        }
        if (object.entitySpawn != null) {
          if (!$util.isObject(object.entitySpawn))
            throw $TypeError('.graphwiz.core.Message.entitySpawn: object expected');
          message.entitySpawn = $root.graphwiz.core.EntitySpawn.fromObject(
            object.entitySpawn,
            _depth + 1,
          );
        }
        if (object.entityUpdate != null) {
          if (!$util.isObject(object.entityUpdate))
            throw $TypeError('.graphwiz.core.Message.entityUpdate: object expected');
          message.entityUpdate = $root.graphwiz.core.EntityUpdate.fromObject(
            object.entityUpdate,
            _depth + 1,
          );
        }
        if (object.entityDespawn != null) {
          if (!$util.isObject(object.entityDespawn))
            throw $TypeError('.graphwiz.core.Message.entityDespawn: object expected');
          message.entityDespawn = $root.graphwiz.core.EntityDespawn.fromObject(
            object.entityDespawn,
            _depth + 1,
          );
        }
        if (object.chatMessage != null) {
          if (!$util.isObject(object.chatMessage))
            throw $TypeError('.graphwiz.core.Message.chatMessage: object expected');
          message.chatMessage = $root.graphwiz.core.ChatMessage.fromObject(
            object.chatMessage,
            _depth + 1,
          );
        }
        if (object.presenceEvent != null) {
          if (!$util.isObject(object.presenceEvent))
            throw $TypeError('.graphwiz.core.Message.presenceEvent: object expected');
          message.presenceEvent = $root.graphwiz.core.PresenceEvent.fromObject(
            object.presenceEvent,
            _depth + 1,
          );
        }
        if (object.ack != null) {
          if (!$util.isObject(object.ack))
            throw $TypeError('.graphwiz.core.Message.ack: object expected');
          message.ack = $root.graphwiz.core.Ack.fromObject(object.ack, _depth + 1);
        }
        return message;
      };

      /**
       * Creates a plain object from a Message message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.Message
       * @static
       * @param {graphwiz.core.Message} message Message
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      Message.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.messageId = '';
          if ($util.Long) {
            let long = new $util.Long(0, 0, false);
            object.timestamp =
              options.longs === $String
                ? long.toString()
                : options.longs === $Number
                  ? long.toNumber()
                  : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                    ? long.toBigInt()
                    : long;
          } else
            object.timestamp =
              options.longs === $String
                ? '0'
                : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                  ? $BigInt('0')
                  : 0;
          object.type = options.enums === $String ? 'UNKNOWN' : 0;
        }
        if (message.messageId != null && $Object.hasOwnProperty.call(message, 'messageId'))
          object.messageId = message.messageId;
        if (message.timestamp != null && $Object.hasOwnProperty.call(message, 'timestamp'))
          if (typeof $BigInt !== 'undefined' && options.longs === $BigInt)
            object.timestamp =
              typeof message.timestamp === 'number'
                ? $BigInt(message.timestamp)
                : $util.Long.fromBits(
                    message.timestamp.low >>> 0,
                    message.timestamp.high >>> 0,
                    false,
                  ).toBigInt();
          else if (typeof message.timestamp === 'number')
            object.timestamp =
              options.longs === $String ? $String(message.timestamp) : message.timestamp;
          else
            object.timestamp =
              options.longs === $String
                ? $util.Long.prototype.toString.call(message.timestamp)
                : options.longs === $Number
                  ? new $util.LongBits(
                      message.timestamp.low >>> 0,
                      message.timestamp.high >>> 0,
                    ).toNumber()
                  : message.timestamp;
        if (message.type != null && $Object.hasOwnProperty.call(message, 'type'))
          object.type =
            options.enums === $String
              ? $root.graphwiz.core.MessageType[message.type] === $undefined
                ? message.type
                : $root.graphwiz.core.MessageType[message.type]
              : message.type;
        if (message.clientHello != null && $Object.hasOwnProperty.call(message, 'clientHello')) {
          object.clientHello = $root.graphwiz.core.ClientHello.toObject(
            message.clientHello,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'clientHello';
        }
        if (message.serverHello != null && $Object.hasOwnProperty.call(message, 'serverHello')) {
          object.serverHello = $root.graphwiz.core.ServerHello.toObject(
            message.serverHello,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'serverHello';
        }
        if (
          message.positionUpdate != null &&
          $Object.hasOwnProperty.call(message, 'positionUpdate')
        ) {
          object.positionUpdate = $root.graphwiz.core.PositionUpdate.toObject(
            message.positionUpdate,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'positionUpdate';
        }
        if (message.voiceData != null && $Object.hasOwnProperty.call(message, 'voiceData')) {
          object.voiceData = $root.graphwiz.core.VoiceData.toObject(
            message.voiceData,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'voiceData';
        }
        if (message.entitySpawn != null && $Object.hasOwnProperty.call(message, 'entitySpawn')) {
          object.entitySpawn = $root.graphwiz.core.EntitySpawn.toObject(
            message.entitySpawn,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'entitySpawn';
        }
        if (message.entityUpdate != null && $Object.hasOwnProperty.call(message, 'entityUpdate')) {
          object.entityUpdate = $root.graphwiz.core.EntityUpdate.toObject(
            message.entityUpdate,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'entityUpdate';
        }
        if (
          message.entityDespawn != null &&
          $Object.hasOwnProperty.call(message, 'entityDespawn')
        ) {
          object.entityDespawn = $root.graphwiz.core.EntityDespawn.toObject(
            message.entityDespawn,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'entityDespawn';
        }
        if (message.chatMessage != null && $Object.hasOwnProperty.call(message, 'chatMessage')) {
          object.chatMessage = $root.graphwiz.core.ChatMessage.toObject(
            message.chatMessage,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'chatMessage';
        }
        if (
          message.presenceEvent != null &&
          $Object.hasOwnProperty.call(message, 'presenceEvent')
        ) {
          object.presenceEvent = $root.graphwiz.core.PresenceEvent.toObject(
            message.presenceEvent,
            options,
            _depth + 1,
          );
          if (options.oneofs) object.payload = 'presenceEvent';
        }
        if (message.ack != null && $Object.hasOwnProperty.call(message, 'ack')) {
          object.ack = $root.graphwiz.core.Ack.toObject(message.ack, options, _depth + 1);
          if (options.oneofs) object.payload = 'ack';
        }
        return object;
      };

      /**
       * Converts this Message to JSON.
       * @function toJSON
       * @memberof graphwiz.core.Message
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      Message.prototype.toJSON = function () {
        return Message.toObject(this, $protobuf.util.toJSONOptions);
      };

      return Message;
    })();

    /**
     * MessageType enum.
     * @name graphwiz.core.MessageType
     * @enum {number}
     * @property {number} UNKNOWN=0 UNKNOWN value
     * @property {number} CLIENT_HELLO=1 CLIENT_HELLO value
     * @property {number} SERVER_HELLO=2 SERVER_HELLO value
     * @property {number} POSITION_UPDATE=10 POSITION_UPDATE value
     * @property {number} VOICE_DATA=11 VOICE_DATA value
     * @property {number} ENTITY_SPAWN=20 ENTITY_SPAWN value
     * @property {number} ENTITY_UPDATE=21 ENTITY_UPDATE value
     * @property {number} ENTITY_DESPAWN=22 ENTITY_DESPAWN value
     * @property {number} CHAT_MESSAGE=30 CHAT_MESSAGE value
     * @property {number} PRESENCE_JOIN=40 PRESENCE_JOIN value
     * @property {number} PRESENCE_LEAVE=41 PRESENCE_LEAVE value
     * @property {number} PRESENCE_UPDATE=42 PRESENCE_UPDATE value
     * @property {number} ACK=60 ACK value
     */
    core.MessageType = (function () {
      const valuesById = $Object.create(null),
        values = $Object.create(valuesById);
      values[(valuesById[0] = 'UNKNOWN')] = 0;
      values[(valuesById[1] = 'CLIENT_HELLO')] = 1;
      values[(valuesById[2] = 'SERVER_HELLO')] = 2;
      values[(valuesById[10] = 'POSITION_UPDATE')] = 10;
      values[(valuesById[11] = 'VOICE_DATA')] = 11;
      values[(valuesById[20] = 'ENTITY_SPAWN')] = 20;
      values[(valuesById[21] = 'ENTITY_UPDATE')] = 21;
      values[(valuesById[22] = 'ENTITY_DESPAWN')] = 22;
      values[(valuesById[30] = 'CHAT_MESSAGE')] = 30;
      values[(valuesById[40] = 'PRESENCE_JOIN')] = 40;
      values[(valuesById[41] = 'PRESENCE_LEAVE')] = 41;
      values[(valuesById[42] = 'PRESENCE_UPDATE')] = 42;
      values[(valuesById[60] = 'ACK')] = 60;
      return values;
    })();

    core.Vector3 = (function () {
      /**
       * Properties of a Vector3.
       * @typedef {Object} graphwiz.core.Vector3.$Properties
       * @property {number|null} [x] Vector3 x
       * @property {number|null} [y] Vector3 y
       * @property {number|null} [z] Vector3 z
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Vector3.
       * @memberof graphwiz.core
       * @interface IVector3
       * @augments graphwiz.core.Vector3.$Properties
       * @deprecated Use graphwiz.core.Vector3.$Properties instead.
       */

      /**
       * Shape of a Vector3.
       * @typedef {graphwiz.core.Vector3.$Properties} graphwiz.core.Vector3.$Shape
       */

      /**
       * Constructs a new Vector3.
       * @memberof graphwiz.core
       * @classdesc Represents a Vector3.
       * @constructor
       * @param {graphwiz.core.Vector3.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Vector3 = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * Vector3 x.
       * @member {number} x
       * @memberof graphwiz.core.Vector3
       * @instance
       */
      Vector3.prototype.x = 0;

      /**
       * Vector3 y.
       * @member {number} y
       * @memberof graphwiz.core.Vector3
       * @instance
       */
      Vector3.prototype.y = 0;

      /**
       * Vector3 z.
       * @member {number} z
       * @memberof graphwiz.core.Vector3
       * @instance
       */
      Vector3.prototype.z = 0;

      /**
       * Creates a new Vector3 instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {graphwiz.core.Vector3.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.Vector3} Vector3 instance
       * @type {{
       *   (properties: graphwiz.core.Vector3.$Shape): graphwiz.core.Vector3 & graphwiz.core.Vector3.$Shape;
       *   (properties?: graphwiz.core.Vector3.$Properties): graphwiz.core.Vector3;
       * }}
       */
      Vector3.create = function (properties) {
        return new Vector3(properties);
      };

      /**
       * Encodes the specified Vector3 message. Does not implicitly {@link graphwiz.core.Vector3.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {graphwiz.core.Vector3.$Properties} message Vector3 message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      Vector3.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.x != null &&
          $Object.hasOwnProperty.call(message, 'x') &&
          !$Object.is(message.x, 0)
        )
          writer.uint32(/* id 1, wireType 5 =*/ 13).float(message.x);
        if (
          message.y != null &&
          $Object.hasOwnProperty.call(message, 'y') &&
          !$Object.is(message.y, 0)
        )
          writer.uint32(/* id 2, wireType 5 =*/ 21).float(message.y);
        if (
          message.z != null &&
          $Object.hasOwnProperty.call(message, 'z') &&
          !$Object.is(message.z, 0)
        )
          writer.uint32(/* id 3, wireType 5 =*/ 29).float(message.z);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a Vector3 message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.Vector3 & graphwiz.core.Vector3.$Shape} Vector3
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Vector3.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.Vector3();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.x = value;
              else delete message.x;
              continue;
            }
            case 2: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.y = value;
              else delete message.y;
              continue;
            }
            case 3: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.z = value;
              else delete message.z;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a Vector3 message.
       * @function verify
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      Vector3.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.x != null && $Object.hasOwnProperty.call(message, 'x'))
          if (typeof message.x !== 'number') return 'x: number expected';
        if (message.y != null && $Object.hasOwnProperty.call(message, 'y'))
          if (typeof message.y !== 'number') return 'y: number expected';
        if (message.z != null && $Object.hasOwnProperty.call(message, 'z'))
          if (typeof message.z !== 'number') return 'z: number expected';
        return null;
      };

      /**
       * Creates a Vector3 message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.Vector3} Vector3
       */
      Vector3.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.Vector3) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.Vector3: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.Vector3();
        if (object.x != null) if (!$Object.is($Number(object.x), 0)) message.x = $Number(object.x);
        if (object.y != null) if (!$Object.is($Number(object.y), 0)) message.y = $Number(object.y);
        if (object.z != null) if (!$Object.is($Number(object.z), 0)) message.z = $Number(object.z);
        return message;
      };

      /**
       * Creates a plain object from a Vector3 message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.Vector3
       * @static
       * @param {graphwiz.core.Vector3} message Vector3
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      Vector3.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.x = 0;
          object.y = 0;
          object.z = 0;
        }
        if (message.x != null && $Object.hasOwnProperty.call(message, 'x'))
          object.x = options.json && !$isFinite(message.x) ? $String(message.x) : message.x;
        if (message.y != null && $Object.hasOwnProperty.call(message, 'y'))
          object.y = options.json && !$isFinite(message.y) ? $String(message.y) : message.y;
        if (message.z != null && $Object.hasOwnProperty.call(message, 'z'))
          object.z = options.json && !$isFinite(message.z) ? $String(message.z) : message.z;
        return object;
      };

      /**
       * Converts this Vector3 to JSON.
       * @function toJSON
       * @memberof graphwiz.core.Vector3
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      Vector3.prototype.toJSON = function () {
        return Vector3.toObject(this, $protobuf.util.toJSONOptions);
      };

      return Vector3;
    })();

    core.Quaternion = (function () {
      /**
       * Properties of a Quaternion.
       * @typedef {Object} graphwiz.core.Quaternion.$Properties
       * @property {number|null} [x] Quaternion x
       * @property {number|null} [y] Quaternion y
       * @property {number|null} [z] Quaternion z
       * @property {number|null} [w] Quaternion w
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a Quaternion.
       * @memberof graphwiz.core
       * @interface IQuaternion
       * @augments graphwiz.core.Quaternion.$Properties
       * @deprecated Use graphwiz.core.Quaternion.$Properties instead.
       */

      /**
       * Shape of a Quaternion.
       * @typedef {graphwiz.core.Quaternion.$Properties} graphwiz.core.Quaternion.$Shape
       */

      /**
       * Constructs a new Quaternion.
       * @memberof graphwiz.core
       * @classdesc Represents a Quaternion.
       * @constructor
       * @param {graphwiz.core.Quaternion.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Quaternion = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * Quaternion x.
       * @member {number} x
       * @memberof graphwiz.core.Quaternion
       * @instance
       */
      Quaternion.prototype.x = 0;

      /**
       * Quaternion y.
       * @member {number} y
       * @memberof graphwiz.core.Quaternion
       * @instance
       */
      Quaternion.prototype.y = 0;

      /**
       * Quaternion z.
       * @member {number} z
       * @memberof graphwiz.core.Quaternion
       * @instance
       */
      Quaternion.prototype.z = 0;

      /**
       * Quaternion w.
       * @member {number} w
       * @memberof graphwiz.core.Quaternion
       * @instance
       */
      Quaternion.prototype.w = 0;

      /**
       * Creates a new Quaternion instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {graphwiz.core.Quaternion.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.Quaternion} Quaternion instance
       * @type {{
       *   (properties: graphwiz.core.Quaternion.$Shape): graphwiz.core.Quaternion & graphwiz.core.Quaternion.$Shape;
       *   (properties?: graphwiz.core.Quaternion.$Properties): graphwiz.core.Quaternion;
       * }}
       */
      Quaternion.create = function (properties) {
        return new Quaternion(properties);
      };

      /**
       * Encodes the specified Quaternion message. Does not implicitly {@link graphwiz.core.Quaternion.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {graphwiz.core.Quaternion.$Properties} message Quaternion message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      Quaternion.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.x != null &&
          $Object.hasOwnProperty.call(message, 'x') &&
          !$Object.is(message.x, 0)
        )
          writer.uint32(/* id 1, wireType 5 =*/ 13).float(message.x);
        if (
          message.y != null &&
          $Object.hasOwnProperty.call(message, 'y') &&
          !$Object.is(message.y, 0)
        )
          writer.uint32(/* id 2, wireType 5 =*/ 21).float(message.y);
        if (
          message.z != null &&
          $Object.hasOwnProperty.call(message, 'z') &&
          !$Object.is(message.z, 0)
        )
          writer.uint32(/* id 3, wireType 5 =*/ 29).float(message.z);
        if (
          message.w != null &&
          $Object.hasOwnProperty.call(message, 'w') &&
          !$Object.is(message.w, 0)
        )
          writer.uint32(/* id 4, wireType 5 =*/ 37).float(message.w);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a Quaternion message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.Quaternion & graphwiz.core.Quaternion.$Shape} Quaternion
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Quaternion.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.Quaternion();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.x = value;
              else delete message.x;
              continue;
            }
            case 2: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.y = value;
              else delete message.y;
              continue;
            }
            case 3: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.z = value;
              else delete message.z;
              continue;
            }
            case 4: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.w = value;
              else delete message.w;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a Quaternion message.
       * @function verify
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      Quaternion.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.x != null && $Object.hasOwnProperty.call(message, 'x'))
          if (typeof message.x !== 'number') return 'x: number expected';
        if (message.y != null && $Object.hasOwnProperty.call(message, 'y'))
          if (typeof message.y !== 'number') return 'y: number expected';
        if (message.z != null && $Object.hasOwnProperty.call(message, 'z'))
          if (typeof message.z !== 'number') return 'z: number expected';
        if (message.w != null && $Object.hasOwnProperty.call(message, 'w'))
          if (typeof message.w !== 'number') return 'w: number expected';
        return null;
      };

      /**
       * Creates a Quaternion message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.Quaternion} Quaternion
       */
      Quaternion.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.Quaternion) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.Quaternion: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.Quaternion();
        if (object.x != null) if (!$Object.is($Number(object.x), 0)) message.x = $Number(object.x);
        if (object.y != null) if (!$Object.is($Number(object.y), 0)) message.y = $Number(object.y);
        if (object.z != null) if (!$Object.is($Number(object.z), 0)) message.z = $Number(object.z);
        if (object.w != null) if (!$Object.is($Number(object.w), 0)) message.w = $Number(object.w);
        return message;
      };

      /**
       * Creates a plain object from a Quaternion message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.Quaternion
       * @static
       * @param {graphwiz.core.Quaternion} message Quaternion
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      Quaternion.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.x = 0;
          object.y = 0;
          object.z = 0;
          object.w = 0;
        }
        if (message.x != null && $Object.hasOwnProperty.call(message, 'x'))
          object.x = options.json && !$isFinite(message.x) ? $String(message.x) : message.x;
        if (message.y != null && $Object.hasOwnProperty.call(message, 'y'))
          object.y = options.json && !$isFinite(message.y) ? $String(message.y) : message.y;
        if (message.z != null && $Object.hasOwnProperty.call(message, 'z'))
          object.z = options.json && !$isFinite(message.z) ? $String(message.z) : message.z;
        if (message.w != null && $Object.hasOwnProperty.call(message, 'w'))
          object.w = options.json && !$isFinite(message.w) ? $String(message.w) : message.w;
        return object;
      };

      /**
       * Converts this Quaternion to JSON.
       * @function toJSON
       * @memberof graphwiz.core.Quaternion
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      Quaternion.prototype.toJSON = function () {
        return Quaternion.toObject(this, $protobuf.util.toJSONOptions);
      };

      return Quaternion;
    })();

    core.ClientHello = (function () {
      /**
       * Properties of a ClientHello.
       * @typedef {Object} graphwiz.core.ClientHello.$Properties
       * @property {string|null} [clientId] ClientHello clientId
       * @property {string|null} [displayName] ClientHello displayName
       * @property {string|null} [authToken] ClientHello authToken
       * @property {string|null} [requestedRoom] ClientHello requestedRoom
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a ClientHello.
       * @memberof graphwiz.core
       * @interface IClientHello
       * @augments graphwiz.core.ClientHello.$Properties
       * @deprecated Use graphwiz.core.ClientHello.$Properties instead.
       */

      /**
       * Shape of a ClientHello.
       * @typedef {graphwiz.core.ClientHello.$Properties} graphwiz.core.ClientHello.$Shape
       */

      /**
       * Constructs a new ClientHello.
       * @memberof graphwiz.core
       * @classdesc Represents a ClientHello.
       * @constructor
       * @param {graphwiz.core.ClientHello.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const ClientHello = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * ClientHello clientId.
       * @member {string} clientId
       * @memberof graphwiz.core.ClientHello
       * @instance
       */
      ClientHello.prototype.clientId = '';

      /**
       * ClientHello displayName.
       * @member {string} displayName
       * @memberof graphwiz.core.ClientHello
       * @instance
       */
      ClientHello.prototype.displayName = '';

      /**
       * ClientHello authToken.
       * @member {string} authToken
       * @memberof graphwiz.core.ClientHello
       * @instance
       */
      ClientHello.prototype.authToken = '';

      /**
       * ClientHello requestedRoom.
       * @member {string} requestedRoom
       * @memberof graphwiz.core.ClientHello
       * @instance
       */
      ClientHello.prototype.requestedRoom = '';

      /**
       * Creates a new ClientHello instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {graphwiz.core.ClientHello.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.ClientHello} ClientHello instance
       * @type {{
       *   (properties: graphwiz.core.ClientHello.$Shape): graphwiz.core.ClientHello & graphwiz.core.ClientHello.$Shape;
       *   (properties?: graphwiz.core.ClientHello.$Properties): graphwiz.core.ClientHello;
       * }}
       */
      ClientHello.create = function (properties) {
        return new ClientHello(properties);
      };

      /**
       * Encodes the specified ClientHello message. Does not implicitly {@link graphwiz.core.ClientHello.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {graphwiz.core.ClientHello.$Properties} message ClientHello message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      ClientHello.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.clientId != null &&
          $Object.hasOwnProperty.call(message, 'clientId') &&
          message.clientId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.clientId);
        if (
          message.displayName != null &&
          $Object.hasOwnProperty.call(message, 'displayName') &&
          message.displayName !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.displayName);
        if (
          message.authToken != null &&
          $Object.hasOwnProperty.call(message, 'authToken') &&
          message.authToken !== ''
        )
          writer.uint32(/* id 3, wireType 2 =*/ 26).string(message.authToken);
        if (
          message.requestedRoom != null &&
          $Object.hasOwnProperty.call(message, 'requestedRoom') &&
          message.requestedRoom !== ''
        )
          writer.uint32(/* id 4, wireType 2 =*/ 34).string(message.requestedRoom);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a ClientHello message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.ClientHello & graphwiz.core.ClientHello.$Shape} ClientHello
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      ClientHello.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.ClientHello();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.clientId = value;
              else delete message.clientId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.displayName = value;
              else delete message.displayName;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.authToken = value;
              else delete message.authToken;
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.requestedRoom = value;
              else delete message.requestedRoom;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a ClientHello message.
       * @function verify
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      ClientHello.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          if (!$util.isString(message.clientId)) return 'clientId: string expected';
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          if (!$util.isString(message.displayName)) return 'displayName: string expected';
        if (message.authToken != null && $Object.hasOwnProperty.call(message, 'authToken'))
          if (!$util.isString(message.authToken)) return 'authToken: string expected';
        if (message.requestedRoom != null && $Object.hasOwnProperty.call(message, 'requestedRoom'))
          if (!$util.isString(message.requestedRoom)) return 'requestedRoom: string expected';
        return null;
      };

      /**
       * Creates a ClientHello message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.ClientHello} ClientHello
       */
      ClientHello.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.ClientHello) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.ClientHello: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.ClientHello();
        if (object.clientId != null)
          if (typeof object.clientId !== 'string' || object.clientId.length)
            message.clientId = $String(object.clientId);
        if (object.displayName != null)
          if (typeof object.displayName !== 'string' || object.displayName.length)
            message.displayName = $String(object.displayName);
        if (object.authToken != null)
          if (typeof object.authToken !== 'string' || object.authToken.length)
            message.authToken = $String(object.authToken);
        if (object.requestedRoom != null)
          if (typeof object.requestedRoom !== 'string' || object.requestedRoom.length)
            message.requestedRoom = $String(object.requestedRoom);
        return message;
      };

      /**
       * Creates a plain object from a ClientHello message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.ClientHello
       * @static
       * @param {graphwiz.core.ClientHello} message ClientHello
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      ClientHello.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.clientId = '';
          object.displayName = '';
          object.authToken = '';
          object.requestedRoom = '';
        }
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          object.clientId = message.clientId;
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          object.displayName = message.displayName;
        if (message.authToken != null && $Object.hasOwnProperty.call(message, 'authToken'))
          object.authToken = message.authToken;
        if (message.requestedRoom != null && $Object.hasOwnProperty.call(message, 'requestedRoom'))
          object.requestedRoom = message.requestedRoom;
        return object;
      };

      /**
       * Converts this ClientHello to JSON.
       * @function toJSON
       * @memberof graphwiz.core.ClientHello
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      ClientHello.prototype.toJSON = function () {
        return ClientHello.toObject(this, $protobuf.util.toJSONOptions);
      };

      return ClientHello;
    })();

    core.ServerHello = (function () {
      /**
       * Properties of a ServerHello.
       * @typedef {Object} graphwiz.core.ServerHello.$Properties
       * @property {string|null} [serverVersion] ServerHello serverVersion
       * @property {string|null} [assignedClientId] ServerHello assignedClientId
       * @property {string|null} [roomId] ServerHello roomId
       * @property {graphwiz.core.WorldState.$Properties|null} [initialState] ServerHello initialState
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a ServerHello.
       * @memberof graphwiz.core
       * @interface IServerHello
       * @augments graphwiz.core.ServerHello.$Properties
       * @deprecated Use graphwiz.core.ServerHello.$Properties instead.
       */

      /**
       * Shape of a ServerHello.
       * @typedef {graphwiz.core.ServerHello.$Properties} graphwiz.core.ServerHello.$Shape
       */

      /**
       * Constructs a new ServerHello.
       * @memberof graphwiz.core
       * @classdesc Represents a ServerHello.
       * @constructor
       * @param {graphwiz.core.ServerHello.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const ServerHello = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * ServerHello serverVersion.
       * @member {string} serverVersion
       * @memberof graphwiz.core.ServerHello
       * @instance
       */
      ServerHello.prototype.serverVersion = '';

      /**
       * ServerHello assignedClientId.
       * @member {string} assignedClientId
       * @memberof graphwiz.core.ServerHello
       * @instance
       */
      ServerHello.prototype.assignedClientId = '';

      /**
       * ServerHello roomId.
       * @member {string} roomId
       * @memberof graphwiz.core.ServerHello
       * @instance
       */
      ServerHello.prototype.roomId = '';

      /**
       * ServerHello initialState.
       * @member {graphwiz.core.WorldState.$Properties|null|undefined} initialState
       * @memberof graphwiz.core.ServerHello
       * @instance
       */
      ServerHello.prototype.initialState = null;

      /**
       * Creates a new ServerHello instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {graphwiz.core.ServerHello.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.ServerHello} ServerHello instance
       * @type {{
       *   (properties: graphwiz.core.ServerHello.$Shape): graphwiz.core.ServerHello & graphwiz.core.ServerHello.$Shape;
       *   (properties?: graphwiz.core.ServerHello.$Properties): graphwiz.core.ServerHello;
       * }}
       */
      ServerHello.create = function (properties) {
        return new ServerHello(properties);
      };

      /**
       * Encodes the specified ServerHello message. Does not implicitly {@link graphwiz.core.ServerHello.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {graphwiz.core.ServerHello.$Properties} message ServerHello message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      ServerHello.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.serverVersion != null &&
          $Object.hasOwnProperty.call(message, 'serverVersion') &&
          message.serverVersion !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.serverVersion);
        if (
          message.assignedClientId != null &&
          $Object.hasOwnProperty.call(message, 'assignedClientId') &&
          message.assignedClientId !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.assignedClientId);
        if (
          message.roomId != null &&
          $Object.hasOwnProperty.call(message, 'roomId') &&
          message.roomId !== ''
        )
          writer.uint32(/* id 3, wireType 2 =*/ 26).string(message.roomId);
        if (message.initialState != null && $Object.hasOwnProperty.call(message, 'initialState'))
          $root.graphwiz.core.WorldState.encode(
            message.initialState,
            writer.uint32(/* id 4, wireType 2 =*/ 34).fork(),
            _depth + 1,
          ).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a ServerHello message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.ServerHello & graphwiz.core.ServerHello.$Shape} ServerHello
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      ServerHello.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.ServerHello();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.serverVersion = value;
              else delete message.serverVersion;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.assignedClientId = value;
              else delete message.assignedClientId;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.roomId = value;
              else delete message.roomId;
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              message.initialState = $root.graphwiz.core.WorldState.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.initialState,
              );
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a ServerHello message.
       * @function verify
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      ServerHello.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.serverVersion != null && $Object.hasOwnProperty.call(message, 'serverVersion'))
          if (!$util.isString(message.serverVersion)) return 'serverVersion: string expected';
        if (
          message.assignedClientId != null &&
          $Object.hasOwnProperty.call(message, 'assignedClientId')
        )
          if (!$util.isString(message.assignedClientId)) return 'assignedClientId: string expected';
        if (message.roomId != null && $Object.hasOwnProperty.call(message, 'roomId'))
          if (!$util.isString(message.roomId)) return 'roomId: string expected';
        if (message.initialState != null && $Object.hasOwnProperty.call(message, 'initialState')) {
          let error = $root.graphwiz.core.WorldState.verify(message.initialState, _depth + 1);
          if (error) return 'initialState.' + error;
        }
        return null;
      };

      /**
       * Creates a ServerHello message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.ServerHello} ServerHello
       */
      ServerHello.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.ServerHello) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.ServerHello: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.ServerHello();
        if (object.serverVersion != null)
          if (typeof object.serverVersion !== 'string' || object.serverVersion.length)
            message.serverVersion = $String(object.serverVersion);
        if (object.assignedClientId != null)
          if (typeof object.assignedClientId !== 'string' || object.assignedClientId.length)
            message.assignedClientId = $String(object.assignedClientId);
        if (object.roomId != null)
          if (typeof object.roomId !== 'string' || object.roomId.length)
            message.roomId = $String(object.roomId);
        if (object.initialState != null) {
          if (!$util.isObject(object.initialState))
            throw $TypeError('.graphwiz.core.ServerHello.initialState: object expected');
          message.initialState = $root.graphwiz.core.WorldState.fromObject(
            object.initialState,
            _depth + 1,
          );
        }
        return message;
      };

      /**
       * Creates a plain object from a ServerHello message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.ServerHello
       * @static
       * @param {graphwiz.core.ServerHello} message ServerHello
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      ServerHello.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.serverVersion = '';
          object.assignedClientId = '';
          object.roomId = '';
          object.initialState = null;
        }
        if (message.serverVersion != null && $Object.hasOwnProperty.call(message, 'serverVersion'))
          object.serverVersion = message.serverVersion;
        if (
          message.assignedClientId != null &&
          $Object.hasOwnProperty.call(message, 'assignedClientId')
        )
          object.assignedClientId = message.assignedClientId;
        if (message.roomId != null && $Object.hasOwnProperty.call(message, 'roomId'))
          object.roomId = message.roomId;
        if (message.initialState != null && $Object.hasOwnProperty.call(message, 'initialState'))
          object.initialState = $root.graphwiz.core.WorldState.toObject(
            message.initialState,
            options,
            _depth + 1,
          );
        return object;
      };

      /**
       * Converts this ServerHello to JSON.
       * @function toJSON
       * @memberof graphwiz.core.ServerHello
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      ServerHello.prototype.toJSON = function () {
        return ServerHello.toObject(this, $protobuf.util.toJSONOptions);
      };

      return ServerHello;
    })();

    core.PositionUpdate = (function () {
      /**
       * Properties of a PositionUpdate.
       * @typedef {Object} graphwiz.core.PositionUpdate.$Properties
       * @property {string|null} [entityId] PositionUpdate entityId
       * @property {graphwiz.core.Vector3.$Properties|null} [position] PositionUpdate position
       * @property {graphwiz.core.Quaternion.$Properties|null} [rotation] PositionUpdate rotation
       * @property {number|null} [sequenceNumber] PositionUpdate sequenceNumber
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a PositionUpdate.
       * @memberof graphwiz.core
       * @interface IPositionUpdate
       * @augments graphwiz.core.PositionUpdate.$Properties
       * @deprecated Use graphwiz.core.PositionUpdate.$Properties instead.
       */

      /**
       * Shape of a PositionUpdate.
       * @typedef {graphwiz.core.PositionUpdate.$Properties} graphwiz.core.PositionUpdate.$Shape
       */

      /**
       * Constructs a new PositionUpdate.
       * @memberof graphwiz.core
       * @classdesc Represents a PositionUpdate.
       * @constructor
       * @param {graphwiz.core.PositionUpdate.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const PositionUpdate = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * PositionUpdate entityId.
       * @member {string} entityId
       * @memberof graphwiz.core.PositionUpdate
       * @instance
       */
      PositionUpdate.prototype.entityId = '';

      /**
       * PositionUpdate position.
       * @member {graphwiz.core.Vector3.$Properties|null|undefined} position
       * @memberof graphwiz.core.PositionUpdate
       * @instance
       */
      PositionUpdate.prototype.position = null;

      /**
       * PositionUpdate rotation.
       * @member {graphwiz.core.Quaternion.$Properties|null|undefined} rotation
       * @memberof graphwiz.core.PositionUpdate
       * @instance
       */
      PositionUpdate.prototype.rotation = null;

      /**
       * PositionUpdate sequenceNumber.
       * @member {number} sequenceNumber
       * @memberof graphwiz.core.PositionUpdate
       * @instance
       */
      PositionUpdate.prototype.sequenceNumber = 0;

      /**
       * Creates a new PositionUpdate instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {graphwiz.core.PositionUpdate.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.PositionUpdate} PositionUpdate instance
       * @type {{
       *   (properties: graphwiz.core.PositionUpdate.$Shape): graphwiz.core.PositionUpdate & graphwiz.core.PositionUpdate.$Shape;
       *   (properties?: graphwiz.core.PositionUpdate.$Properties): graphwiz.core.PositionUpdate;
       * }}
       */
      PositionUpdate.create = function (properties) {
        return new PositionUpdate(properties);
      };

      /**
       * Encodes the specified PositionUpdate message. Does not implicitly {@link graphwiz.core.PositionUpdate.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {graphwiz.core.PositionUpdate.$Properties} message PositionUpdate message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      PositionUpdate.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.entityId != null &&
          $Object.hasOwnProperty.call(message, 'entityId') &&
          message.entityId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.entityId);
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          $root.graphwiz.core.Vector3.encode(
            message.position,
            writer.uint32(/* id 2, wireType 2 =*/ 18).fork(),
            _depth + 1,
          ).ldelim();
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          $root.graphwiz.core.Quaternion.encode(
            message.rotation,
            writer.uint32(/* id 3, wireType 2 =*/ 26).fork(),
            _depth + 1,
          ).ldelim();
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber') &&
          message.sequenceNumber !== 0
        )
          writer.uint32(/* id 4, wireType 0 =*/ 32).uint32(message.sequenceNumber);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a PositionUpdate message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.PositionUpdate & graphwiz.core.PositionUpdate.$Shape} PositionUpdate
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      PositionUpdate.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.PositionUpdate();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.entityId = value;
              else delete message.entityId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              message.position = $root.graphwiz.core.Vector3.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.position,
              );
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              message.rotation = $root.graphwiz.core.Quaternion.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.rotation,
              );
              continue;
            }
            case 4: {
              if (wireType !== 0) break;
              if ((value = reader.uint32())) message.sequenceNumber = value;
              else delete message.sequenceNumber;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a PositionUpdate message.
       * @function verify
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      PositionUpdate.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          if (!$util.isString(message.entityId)) return 'entityId: string expected';
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position')) {
          let error = $root.graphwiz.core.Vector3.verify(message.position, _depth + 1);
          if (error) return 'position.' + error;
        }
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation')) {
          let error = $root.graphwiz.core.Quaternion.verify(message.rotation, _depth + 1);
          if (error) return 'rotation.' + error;
        }
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber')
        )
          if (!$util.isInteger(message.sequenceNumber)) return 'sequenceNumber: integer expected';
        return null;
      };

      /**
       * Creates a PositionUpdate message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.PositionUpdate} PositionUpdate
       */
      PositionUpdate.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.PositionUpdate) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.PositionUpdate: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.PositionUpdate();
        if (object.entityId != null)
          if (typeof object.entityId !== 'string' || object.entityId.length)
            message.entityId = $String(object.entityId);
        if (object.position != null) {
          if (!$util.isObject(object.position))
            throw $TypeError('.graphwiz.core.PositionUpdate.position: object expected');
          message.position = $root.graphwiz.core.Vector3.fromObject(object.position, _depth + 1);
        }
        if (object.rotation != null) {
          if (!$util.isObject(object.rotation))
            throw $TypeError('.graphwiz.core.PositionUpdate.rotation: object expected');
          message.rotation = $root.graphwiz.core.Quaternion.fromObject(object.rotation, _depth + 1);
        }
        if (object.sequenceNumber != null)
          if ($Number(object.sequenceNumber) !== 0)
            message.sequenceNumber = object.sequenceNumber >>> 0;
        return message;
      };

      /**
       * Creates a plain object from a PositionUpdate message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.PositionUpdate
       * @static
       * @param {graphwiz.core.PositionUpdate} message PositionUpdate
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      PositionUpdate.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.entityId = '';
          object.position = null;
          object.rotation = null;
          object.sequenceNumber = 0;
        }
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          object.entityId = message.entityId;
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          object.position = $root.graphwiz.core.Vector3.toObject(
            message.position,
            options,
            _depth + 1,
          );
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          object.rotation = $root.graphwiz.core.Quaternion.toObject(
            message.rotation,
            options,
            _depth + 1,
          );
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber')
        )
          object.sequenceNumber = message.sequenceNumber;
        return object;
      };

      /**
       * Converts this PositionUpdate to JSON.
       * @function toJSON
       * @memberof graphwiz.core.PositionUpdate
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      PositionUpdate.prototype.toJSON = function () {
        return PositionUpdate.toObject(this, $protobuf.util.toJSONOptions);
      };

      return PositionUpdate;
    })();

    /**
     * VoiceCodec enum.
     * @name graphwiz.core.VoiceCodec
     * @enum {number}
     * @property {number} OPUS=0 OPUS value
     * @property {number} PCMU=1 PCMU value
     * @property {number} PCMA=2 PCMA value
     */
    core.VoiceCodec = (function () {
      const valuesById = $Object.create(null),
        values = $Object.create(valuesById);
      values[(valuesById[0] = 'OPUS')] = 0;
      values[(valuesById[1] = 'PCMU')] = 1;
      values[(valuesById[2] = 'PCMA')] = 2;
      return values;
    })();

    core.VoiceData = (function () {
      /**
       * Properties of a VoiceData.
       * @typedef {Object} graphwiz.core.VoiceData.$Properties
       * @property {string|null} [fromClientId] VoiceData fromClientId
       * @property {Uint8Array|null} [audioData] VoiceData audioData
       * @property {number|null} [sequenceNumber] VoiceData sequenceNumber
       * @property {graphwiz.core.VoiceCodec|null} [codec] VoiceData codec
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a VoiceData.
       * @memberof graphwiz.core
       * @interface IVoiceData
       * @augments graphwiz.core.VoiceData.$Properties
       * @deprecated Use graphwiz.core.VoiceData.$Properties instead.
       */

      /**
       * Shape of a VoiceData.
       * @typedef {graphwiz.core.VoiceData.$Properties} graphwiz.core.VoiceData.$Shape
       */

      /**
       * Constructs a new VoiceData.
       * @memberof graphwiz.core
       * @classdesc Represents a VoiceData.
       * @constructor
       * @param {graphwiz.core.VoiceData.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const VoiceData = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * VoiceData fromClientId.
       * @member {string} fromClientId
       * @memberof graphwiz.core.VoiceData
       * @instance
       */
      VoiceData.prototype.fromClientId = '';

      /**
       * VoiceData audioData.
       * @member {Uint8Array} audioData
       * @memberof graphwiz.core.VoiceData
       * @instance
       */
      VoiceData.prototype.audioData = $util.newBuffer([]);

      /**
       * VoiceData sequenceNumber.
       * @member {number} sequenceNumber
       * @memberof graphwiz.core.VoiceData
       * @instance
       */
      VoiceData.prototype.sequenceNumber = 0;

      /**
       * VoiceData codec.
       * @member {graphwiz.core.VoiceCodec} codec
       * @memberof graphwiz.core.VoiceData
       * @instance
       */
      VoiceData.prototype.codec = 0;

      /**
       * Creates a new VoiceData instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {graphwiz.core.VoiceData.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.VoiceData} VoiceData instance
       * @type {{
       *   (properties: graphwiz.core.VoiceData.$Shape): graphwiz.core.VoiceData & graphwiz.core.VoiceData.$Shape;
       *   (properties?: graphwiz.core.VoiceData.$Properties): graphwiz.core.VoiceData;
       * }}
       */
      VoiceData.create = function (properties) {
        return new VoiceData(properties);
      };

      /**
       * Encodes the specified VoiceData message. Does not implicitly {@link graphwiz.core.VoiceData.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {graphwiz.core.VoiceData.$Properties} message VoiceData message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      VoiceData.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.fromClientId != null &&
          $Object.hasOwnProperty.call(message, 'fromClientId') &&
          message.fromClientId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.fromClientId);
        if (
          message.audioData != null &&
          $Object.hasOwnProperty.call(message, 'audioData') &&
          message.audioData.length
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).bytes(message.audioData);
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber') &&
          message.sequenceNumber !== 0
        )
          writer.uint32(/* id 3, wireType 0 =*/ 24).int32(message.sequenceNumber);
        if (
          message.codec != null &&
          $Object.hasOwnProperty.call(message, 'codec') &&
          message.codec !== 0
        )
          writer.uint32(/* id 4, wireType 0 =*/ 32).int32(message.codec);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a VoiceData message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.VoiceData & graphwiz.core.VoiceData.$Shape} VoiceData
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      VoiceData.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.VoiceData();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.fromClientId = value;
              else delete message.fromClientId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.bytes()).length) message.audioData = value;
              else delete message.audioData;
              continue;
            }
            case 3: {
              if (wireType !== 0) break;
              if ((value = reader.int32())) message.sequenceNumber = value;
              else delete message.sequenceNumber;
              continue;
            }
            case 4: {
              if (wireType !== 0) break;
              if ((value = reader.int32())) message.codec = value;
              else delete message.codec;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a VoiceData message.
       * @function verify
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      VoiceData.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.fromClientId != null && $Object.hasOwnProperty.call(message, 'fromClientId'))
          if (!$util.isString(message.fromClientId)) return 'fromClientId: string expected';
        if (message.audioData != null && $Object.hasOwnProperty.call(message, 'audioData'))
          if (!(
            (message.audioData && typeof message.audioData.length === 'number') ||
            $util.isString(message.audioData)
          ))
            return 'audioData: buffer expected';
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber')
        )
          if (!$util.isInteger(message.sequenceNumber)) return 'sequenceNumber: integer expected';
        if (message.codec != null && $Object.hasOwnProperty.call(message, 'codec'))
          if (typeof message.codec !== 'number' || (message.codec | 0) !== message.codec)
            return 'codec: enum value expected';
        return null;
      };

      /**
       * Creates a VoiceData message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.VoiceData} VoiceData
       */
      VoiceData.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.VoiceData) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.VoiceData: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.VoiceData();
        if (object.fromClientId != null)
          if (typeof object.fromClientId !== 'string' || object.fromClientId.length)
            message.fromClientId = $String(object.fromClientId);
        if (object.audioData != null)
          if (object.audioData.length)
            if (typeof object.audioData === 'string')
              $util.base64.decode(
                object.audioData,
                (message.audioData = $util.newBuffer($util.base64.length(object.audioData))),
                0,
              );
            else if (object.audioData.length >= 0) message.audioData = object.audioData;
        if (object.sequenceNumber != null)
          if ($Number(object.sequenceNumber) !== 0)
            message.sequenceNumber = object.sequenceNumber | 0;
        if (
          object.codec !== 0 &&
          (typeof object.codec !== 'string' || $root.graphwiz.core.VoiceCodec[object.codec] !== 0)
        )
          switch (object.codec) {
            case 'OPUS':
            case 0:
              message.codec = 0;
              break;
            case 'PCMU':
            case 1:
              message.codec = 1;
              break;
            case 'PCMA':
            case 2:
              message.codec = 2;
              break;
            default:
              if (typeof object.codec === 'number' && (object.codec | 0) === object.codec)
                message.codec = object.codec;
          }
        return message;
      };

      /**
       * Creates a plain object from a VoiceData message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.VoiceData
       * @static
       * @param {graphwiz.core.VoiceData} message VoiceData
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      VoiceData.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.fromClientId = '';
          if (options.bytes === $String) object.audioData = '';
          else {
            object.audioData = [];
            if (options.bytes !== $Array) object.audioData = $util.newBuffer(object.audioData);
          }
          object.sequenceNumber = 0;
          object.codec = options.enums === $String ? 'OPUS' : 0;
        }
        if (message.fromClientId != null && $Object.hasOwnProperty.call(message, 'fromClientId'))
          object.fromClientId = message.fromClientId;
        if (message.audioData != null && $Object.hasOwnProperty.call(message, 'audioData'))
          object.audioData =
            options.bytes === $String
              ? $util.base64.encode(message.audioData, 0, message.audioData.length)
              : options.bytes === $Array
                ? $Array.prototype.slice.call(message.audioData)
                : message.audioData;
        if (
          message.sequenceNumber != null &&
          $Object.hasOwnProperty.call(message, 'sequenceNumber')
        )
          object.sequenceNumber = message.sequenceNumber;
        if (message.codec != null && $Object.hasOwnProperty.call(message, 'codec'))
          object.codec =
            options.enums === $String
              ? $root.graphwiz.core.VoiceCodec[message.codec] === $undefined
                ? message.codec
                : $root.graphwiz.core.VoiceCodec[message.codec]
              : message.codec;
        return object;
      };

      /**
       * Converts this VoiceData to JSON.
       * @function toJSON
       * @memberof graphwiz.core.VoiceData
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      VoiceData.prototype.toJSON = function () {
        return VoiceData.toObject(this, $protobuf.util.toJSONOptions);
      };

      return VoiceData;
    })();

    core.EntitySpawn = (function () {
      /**
       * Properties of an EntitySpawn.
       * @typedef {Object} graphwiz.core.EntitySpawn.$Properties
       * @property {string|null} [entityId] EntitySpawn entityId
       * @property {string|null} [templateId] EntitySpawn templateId
       * @property {string|null} [ownerId] EntitySpawn ownerId
       * @property {Object.<string,string>|null} [components] EntitySpawn components
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an EntitySpawn.
       * @memberof graphwiz.core
       * @interface IEntitySpawn
       * @augments graphwiz.core.EntitySpawn.$Properties
       * @deprecated Use graphwiz.core.EntitySpawn.$Properties instead.
       */

      /**
       * Shape of an EntitySpawn.
       * @typedef {graphwiz.core.EntitySpawn.$Properties} graphwiz.core.EntitySpawn.$Shape
       */

      /**
       * Constructs a new EntitySpawn.
       * @memberof graphwiz.core
       * @classdesc Represents an EntitySpawn.
       * @constructor
       * @param {graphwiz.core.EntitySpawn.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const EntitySpawn = function (properties) {
        this.components = {};
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * EntitySpawn entityId.
       * @member {string} entityId
       * @memberof graphwiz.core.EntitySpawn
       * @instance
       */
      EntitySpawn.prototype.entityId = '';

      /**
       * EntitySpawn templateId.
       * @member {string} templateId
       * @memberof graphwiz.core.EntitySpawn
       * @instance
       */
      EntitySpawn.prototype.templateId = '';

      /**
       * EntitySpawn ownerId.
       * @member {string} ownerId
       * @memberof graphwiz.core.EntitySpawn
       * @instance
       */
      EntitySpawn.prototype.ownerId = '';

      /**
       * EntitySpawn components.
       * @member {Object.<string,string>} components
       * @memberof graphwiz.core.EntitySpawn
       * @instance
       */
      EntitySpawn.prototype.components = $util.emptyObject;

      /**
       * Creates a new EntitySpawn instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {graphwiz.core.EntitySpawn.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.EntitySpawn} EntitySpawn instance
       * @type {{
       *   (properties: graphwiz.core.EntitySpawn.$Shape): graphwiz.core.EntitySpawn & graphwiz.core.EntitySpawn.$Shape;
       *   (properties?: graphwiz.core.EntitySpawn.$Properties): graphwiz.core.EntitySpawn;
       * }}
       */
      EntitySpawn.create = function (properties) {
        return new EntitySpawn(properties);
      };

      /**
       * Encodes the specified EntitySpawn message. Does not implicitly {@link graphwiz.core.EntitySpawn.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {graphwiz.core.EntitySpawn.$Properties} message EntitySpawn message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      EntitySpawn.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.entityId != null &&
          $Object.hasOwnProperty.call(message, 'entityId') &&
          message.entityId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.entityId);
        if (
          message.templateId != null &&
          $Object.hasOwnProperty.call(message, 'templateId') &&
          message.templateId !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.templateId);
        if (
          message.ownerId != null &&
          $Object.hasOwnProperty.call(message, 'ownerId') &&
          message.ownerId !== ''
        )
          writer.uint32(/* id 3, wireType 2 =*/ 26).string(message.ownerId);
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components'))
          for (let keys = $Object.keys(message.components), i = 0; i < keys.length; ++i)
            writer
              .uint32(/* id 4, wireType 2 =*/ 34)
              .fork()
              .uint32(/* id 1, wireType 2 =*/ 10)
              .string(keys[i])
              .uint32(/* id 2, wireType 2 =*/ 18)
              .string(message.components[keys[i]])
              .ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an EntitySpawn message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.EntitySpawn & graphwiz.core.EntitySpawn.$Shape} EntitySpawn
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      EntitySpawn.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, key, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.EntitySpawn();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.entityId = value;
              else delete message.entityId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.templateId = value;
              else delete message.templateId;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.ownerId = value;
              else delete message.ownerId;
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              if (message.components === $util.emptyObject) message.components = {};
              let end2 = reader.size() + reader.pos;
              if (end2 > reader.len) throw $RangeError('index out of range');
              reader.len = end2;
              key = '';
              value = '';
              while (reader.pos < end2) {
                let tag2 = reader.tag();
                wireType = tag2 & 7;
                switch ((tag2 >>>= 3)) {
                  case 1:
                    if (wireType !== 2) break;
                    key = reader.stringVerify();
                    continue;
                  case 2:
                    if (wireType !== 2) break;
                    value = reader.stringVerify();
                    continue;
                }
                reader.skipType(wireType, _depth, tag2);
              }
              if (reader.pos !== end2) throw $RangeError('index out of range');
              reader.len = end;
              if (key === '__proto__') $util.makeProp(message.components, key);
              message.components[key] = value;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an EntitySpawn message.
       * @function verify
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      EntitySpawn.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          if (!$util.isString(message.entityId)) return 'entityId: string expected';
        if (message.templateId != null && $Object.hasOwnProperty.call(message, 'templateId'))
          if (!$util.isString(message.templateId)) return 'templateId: string expected';
        if (message.ownerId != null && $Object.hasOwnProperty.call(message, 'ownerId'))
          if (!$util.isString(message.ownerId)) return 'ownerId: string expected';
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components')) {
          if (!$util.isObject(message.components)) return 'components: object expected';
          let key = $Object.keys(message.components);
          for (let i = 0; i < key.length; ++i)
            if (!$util.isString(message.components[key[i]]))
              return 'components: string{k:string} expected';
        }
        return null;
      };

      /**
       * Creates an EntitySpawn message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.EntitySpawn} EntitySpawn
       */
      EntitySpawn.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.EntitySpawn) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.EntitySpawn: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.EntitySpawn();
        if (object.entityId != null)
          if (typeof object.entityId !== 'string' || object.entityId.length)
            message.entityId = $String(object.entityId);
        if (object.templateId != null)
          if (typeof object.templateId !== 'string' || object.templateId.length)
            message.templateId = $String(object.templateId);
        if (object.ownerId != null)
          if (typeof object.ownerId !== 'string' || object.ownerId.length)
            message.ownerId = $String(object.ownerId);
        if (object.components) {
          if (!$util.isObject(object.components))
            throw $TypeError('.graphwiz.core.EntitySpawn.components: object expected');
          message.components = {};
          for (let keys = $Object.keys(object.components), i = 0; i < keys.length; ++i) {
            if (keys[i] === '__proto__') $util.makeProp(message.components, keys[i]);
            message.components[keys[i]] = $String(object.components[keys[i]]);
          }
        }
        return message;
      };

      /**
       * Creates a plain object from an EntitySpawn message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.EntitySpawn
       * @static
       * @param {graphwiz.core.EntitySpawn} message EntitySpawn
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      EntitySpawn.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.objects || options.defaults) object.components = {};
        if (options.defaults) {
          object.entityId = '';
          object.templateId = '';
          object.ownerId = '';
        }
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          object.entityId = message.entityId;
        if (message.templateId != null && $Object.hasOwnProperty.call(message, 'templateId'))
          object.templateId = message.templateId;
        if (message.ownerId != null && $Object.hasOwnProperty.call(message, 'ownerId'))
          object.ownerId = message.ownerId;
        let keys2;
        if (message.components && (keys2 = $Object.keys(message.components)).length) {
          object.components = {};
          for (let j = 0; j < keys2.length; ++j) {
            if (keys2[j] === '__proto__') $util.makeProp(object.components, keys2[j]);
            object.components[keys2[j]] = message.components[keys2[j]];
          }
        }
        return object;
      };

      /**
       * Converts this EntitySpawn to JSON.
       * @function toJSON
       * @memberof graphwiz.core.EntitySpawn
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      EntitySpawn.prototype.toJSON = function () {
        return EntitySpawn.toObject(this, $protobuf.util.toJSONOptions);
      };

      return EntitySpawn;
    })();

    core.EntityUpdate = (function () {
      /**
       * Properties of an EntityUpdate.
       * @typedef {Object} graphwiz.core.EntityUpdate.$Properties
       * @property {string|null} [entityId] EntityUpdate entityId
       * @property {Object.<string,Uint8Array>|null} [components] EntityUpdate components
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an EntityUpdate.
       * @memberof graphwiz.core
       * @interface IEntityUpdate
       * @augments graphwiz.core.EntityUpdate.$Properties
       * @deprecated Use graphwiz.core.EntityUpdate.$Properties instead.
       */

      /**
       * Shape of an EntityUpdate.
       * @typedef {graphwiz.core.EntityUpdate.$Properties} graphwiz.core.EntityUpdate.$Shape
       */

      /**
       * Constructs a new EntityUpdate.
       * @memberof graphwiz.core
       * @classdesc Represents an EntityUpdate.
       * @constructor
       * @param {graphwiz.core.EntityUpdate.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const EntityUpdate = function (properties) {
        this.components = {};
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * EntityUpdate entityId.
       * @member {string} entityId
       * @memberof graphwiz.core.EntityUpdate
       * @instance
       */
      EntityUpdate.prototype.entityId = '';

      /**
       * EntityUpdate components.
       * @member {Object.<string,Uint8Array>} components
       * @memberof graphwiz.core.EntityUpdate
       * @instance
       */
      EntityUpdate.prototype.components = $util.emptyObject;

      /**
       * Creates a new EntityUpdate instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {graphwiz.core.EntityUpdate.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.EntityUpdate} EntityUpdate instance
       * @type {{
       *   (properties: graphwiz.core.EntityUpdate.$Shape): graphwiz.core.EntityUpdate & graphwiz.core.EntityUpdate.$Shape;
       *   (properties?: graphwiz.core.EntityUpdate.$Properties): graphwiz.core.EntityUpdate;
       * }}
       */
      EntityUpdate.create = function (properties) {
        return new EntityUpdate(properties);
      };

      /**
       * Encodes the specified EntityUpdate message. Does not implicitly {@link graphwiz.core.EntityUpdate.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {graphwiz.core.EntityUpdate.$Properties} message EntityUpdate message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      EntityUpdate.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.entityId != null &&
          $Object.hasOwnProperty.call(message, 'entityId') &&
          message.entityId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.entityId);
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components'))
          for (let keys = $Object.keys(message.components), i = 0; i < keys.length; ++i)
            writer
              .uint32(/* id 2, wireType 2 =*/ 18)
              .fork()
              .uint32(/* id 1, wireType 2 =*/ 10)
              .string(keys[i])
              .uint32(/* id 2, wireType 2 =*/ 18)
              .bytes(message.components[keys[i]])
              .ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an EntityUpdate message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.EntityUpdate & graphwiz.core.EntityUpdate.$Shape} EntityUpdate
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      EntityUpdate.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, key, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.EntityUpdate();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.entityId = value;
              else delete message.entityId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if (message.components === $util.emptyObject) message.components = {};
              let end2 = reader.size() + reader.pos;
              if (end2 > reader.len) throw $RangeError('index out of range');
              reader.len = end2;
              key = '';
              value = [];
              while (reader.pos < end2) {
                let tag2 = reader.tag();
                wireType = tag2 & 7;
                switch ((tag2 >>>= 3)) {
                  case 1:
                    if (wireType !== 2) break;
                    key = reader.stringVerify();
                    continue;
                  case 2:
                    if (wireType !== 2) break;
                    value = reader.bytes();
                    continue;
                }
                reader.skipType(wireType, _depth, tag2);
              }
              if (reader.pos !== end2) throw $RangeError('index out of range');
              reader.len = end;
              if (key === '__proto__') $util.makeProp(message.components, key);
              message.components[key] = value;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an EntityUpdate message.
       * @function verify
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      EntityUpdate.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          if (!$util.isString(message.entityId)) return 'entityId: string expected';
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components')) {
          if (!$util.isObject(message.components)) return 'components: object expected';
          let key = $Object.keys(message.components);
          for (let i = 0; i < key.length; ++i)
            if (!(
              (message.components[key[i]] &&
                typeof message.components[key[i]].length === 'number') ||
              $util.isString(message.components[key[i]])
            ))
              return 'components: buffer{k:string} expected';
        }
        return null;
      };

      /**
       * Creates an EntityUpdate message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.EntityUpdate} EntityUpdate
       */
      EntityUpdate.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.EntityUpdate) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.EntityUpdate: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.EntityUpdate();
        if (object.entityId != null)
          if (typeof object.entityId !== 'string' || object.entityId.length)
            message.entityId = $String(object.entityId);
        if (object.components) {
          if (!$util.isObject(object.components))
            throw $TypeError('.graphwiz.core.EntityUpdate.components: object expected');
          message.components = {};
          for (let keys = $Object.keys(object.components), i = 0; i < keys.length; ++i) {
            if (keys[i] === '__proto__') $util.makeProp(message.components, keys[i]);
            if (typeof object.components[keys[i]] === 'string')
              $util.base64.decode(
                object.components[keys[i]],
                (message.components[keys[i]] = $util.newBuffer(
                  $util.base64.length(object.components[keys[i]]),
                )),
                0,
              );
            else if (object.components[keys[i]].length >= 0)
              message.components[keys[i]] = object.components[keys[i]];
          }
        }
        return message;
      };

      /**
       * Creates a plain object from an EntityUpdate message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.EntityUpdate
       * @static
       * @param {graphwiz.core.EntityUpdate} message EntityUpdate
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      EntityUpdate.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.objects || options.defaults) object.components = {};
        if (options.defaults) object.entityId = '';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          object.entityId = message.entityId;
        let keys2;
        if (message.components && (keys2 = $Object.keys(message.components)).length) {
          object.components = {};
          for (let j = 0; j < keys2.length; ++j) {
            if (keys2[j] === '__proto__') $util.makeProp(object.components, keys2[j]);
            object.components[keys2[j]] =
              options.bytes === $String
                ? $util.base64.encode(
                    message.components[keys2[j]],
                    0,
                    message.components[keys2[j]].length,
                  )
                : options.bytes === $Array
                  ? $Array.prototype.slice.call(message.components[keys2[j]])
                  : message.components[keys2[j]];
          }
        }
        return object;
      };

      /**
       * Converts this EntityUpdate to JSON.
       * @function toJSON
       * @memberof graphwiz.core.EntityUpdate
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      EntityUpdate.prototype.toJSON = function () {
        return EntityUpdate.toObject(this, $protobuf.util.toJSONOptions);
      };

      return EntityUpdate;
    })();

    core.EntityDespawn = (function () {
      /**
       * Properties of an EntityDespawn.
       * @typedef {Object} graphwiz.core.EntityDespawn.$Properties
       * @property {string|null} [entityId] EntityDespawn entityId
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an EntityDespawn.
       * @memberof graphwiz.core
       * @interface IEntityDespawn
       * @augments graphwiz.core.EntityDespawn.$Properties
       * @deprecated Use graphwiz.core.EntityDespawn.$Properties instead.
       */

      /**
       * Shape of an EntityDespawn.
       * @typedef {graphwiz.core.EntityDespawn.$Properties} graphwiz.core.EntityDespawn.$Shape
       */

      /**
       * Constructs a new EntityDespawn.
       * @memberof graphwiz.core
       * @classdesc Represents an EntityDespawn.
       * @constructor
       * @param {graphwiz.core.EntityDespawn.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const EntityDespawn = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * EntityDespawn entityId.
       * @member {string} entityId
       * @memberof graphwiz.core.EntityDespawn
       * @instance
       */
      EntityDespawn.prototype.entityId = '';

      /**
       * Creates a new EntityDespawn instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {graphwiz.core.EntityDespawn.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.EntityDespawn} EntityDespawn instance
       * @type {{
       *   (properties: graphwiz.core.EntityDespawn.$Shape): graphwiz.core.EntityDespawn & graphwiz.core.EntityDespawn.$Shape;
       *   (properties?: graphwiz.core.EntityDespawn.$Properties): graphwiz.core.EntityDespawn;
       * }}
       */
      EntityDespawn.create = function (properties) {
        return new EntityDespawn(properties);
      };

      /**
       * Encodes the specified EntityDespawn message. Does not implicitly {@link graphwiz.core.EntityDespawn.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {graphwiz.core.EntityDespawn.$Properties} message EntityDespawn message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      EntityDespawn.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.entityId != null &&
          $Object.hasOwnProperty.call(message, 'entityId') &&
          message.entityId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.entityId);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an EntityDespawn message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.EntityDespawn & graphwiz.core.EntityDespawn.$Shape} EntityDespawn
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      EntityDespawn.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.EntityDespawn();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.entityId = value;
              else delete message.entityId;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an EntityDespawn message.
       * @function verify
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      EntityDespawn.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          if (!$util.isString(message.entityId)) return 'entityId: string expected';
        return null;
      };

      /**
       * Creates an EntityDespawn message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.EntityDespawn} EntityDespawn
       */
      EntityDespawn.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.EntityDespawn) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.EntityDespawn: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.EntityDespawn();
        if (object.entityId != null)
          if (typeof object.entityId !== 'string' || object.entityId.length)
            message.entityId = $String(object.entityId);
        return message;
      };

      /**
       * Creates a plain object from an EntityDespawn message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.EntityDespawn
       * @static
       * @param {graphwiz.core.EntityDespawn} message EntityDespawn
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      EntityDespawn.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) object.entityId = '';
        if (message.entityId != null && $Object.hasOwnProperty.call(message, 'entityId'))
          object.entityId = message.entityId;
        return object;
      };

      /**
       * Converts this EntityDespawn to JSON.
       * @function toJSON
       * @memberof graphwiz.core.EntityDespawn
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      EntityDespawn.prototype.toJSON = function () {
        return EntityDespawn.toObject(this, $protobuf.util.toJSONOptions);
      };

      return EntityDespawn;
    })();

    /**
     * ChatMessageType enum.
     * @name graphwiz.core.ChatMessageType
     * @enum {number}
     * @property {number} NORMAL=0 NORMAL value
     * @property {number} WHISPER=1 WHISPER value
     * @property {number} SHOUT=2 SHOUT value
     */
    core.ChatMessageType = (function () {
      const valuesById = $Object.create(null),
        values = $Object.create(valuesById);
      values[(valuesById[0] = 'NORMAL')] = 0;
      values[(valuesById[1] = 'WHISPER')] = 1;
      values[(valuesById[2] = 'SHOUT')] = 2;
      return values;
    })();

    core.ChatMessage = (function () {
      /**
       * Properties of a ChatMessage.
       * @typedef {Object} graphwiz.core.ChatMessage.$Properties
       * @property {string|null} [fromClientId] ChatMessage fromClientId
       * @property {string|null} [message] ChatMessage message
       * @property {number|Long|null} [timestamp] ChatMessage timestamp
       * @property {graphwiz.core.ChatMessageType|null} [type] ChatMessage type
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a ChatMessage.
       * @memberof graphwiz.core
       * @interface IChatMessage
       * @augments graphwiz.core.ChatMessage.$Properties
       * @deprecated Use graphwiz.core.ChatMessage.$Properties instead.
       */

      /**
       * Shape of a ChatMessage.
       * @typedef {graphwiz.core.ChatMessage.$Properties} graphwiz.core.ChatMessage.$Shape
       */

      /**
       * Constructs a new ChatMessage.
       * @memberof graphwiz.core
       * @classdesc Represents a ChatMessage.
       * @constructor
       * @param {graphwiz.core.ChatMessage.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const ChatMessage = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * ChatMessage fromClientId.
       * @member {string} fromClientId
       * @memberof graphwiz.core.ChatMessage
       * @instance
       */
      ChatMessage.prototype.fromClientId = '';

      /**
       * ChatMessage message.
       * @member {string} message
       * @memberof graphwiz.core.ChatMessage
       * @instance
       */
      ChatMessage.prototype.message = '';

      /**
       * ChatMessage timestamp.
       * @member {number|Long} timestamp
       * @memberof graphwiz.core.ChatMessage
       * @instance
       */
      ChatMessage.prototype.timestamp = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;

      /**
       * ChatMessage type.
       * @member {graphwiz.core.ChatMessageType} type
       * @memberof graphwiz.core.ChatMessage
       * @instance
       */
      ChatMessage.prototype.type = 0;

      /**
       * Creates a new ChatMessage instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {graphwiz.core.ChatMessage.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.ChatMessage} ChatMessage instance
       * @type {{
       *   (properties: graphwiz.core.ChatMessage.$Shape): graphwiz.core.ChatMessage & graphwiz.core.ChatMessage.$Shape;
       *   (properties?: graphwiz.core.ChatMessage.$Properties): graphwiz.core.ChatMessage;
       * }}
       */
      ChatMessage.create = function (properties) {
        return new ChatMessage(properties);
      };

      /**
       * Encodes the specified ChatMessage message. Does not implicitly {@link graphwiz.core.ChatMessage.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {graphwiz.core.ChatMessage.$Properties} message ChatMessage message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      ChatMessage.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.fromClientId != null &&
          $Object.hasOwnProperty.call(message, 'fromClientId') &&
          message.fromClientId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.fromClientId);
        if (
          message.message != null &&
          $Object.hasOwnProperty.call(message, 'message') &&
          message.message !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.message);
        if (
          message.timestamp != null &&
          $Object.hasOwnProperty.call(message, 'timestamp') &&
          (typeof message.timestamp === 'object'
            ? message.timestamp.low || message.timestamp.high
            : message.timestamp !== 0)
        )
          writer.uint32(/* id 3, wireType 0 =*/ 24).int64(message.timestamp);
        if (
          message.type != null &&
          $Object.hasOwnProperty.call(message, 'type') &&
          message.type !== 0
        )
          writer.uint32(/* id 4, wireType 0 =*/ 32).int32(message.type);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a ChatMessage message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.ChatMessage & graphwiz.core.ChatMessage.$Shape} ChatMessage
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      ChatMessage.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.ChatMessage();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.fromClientId = value;
              else delete message.fromClientId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.message = value;
              else delete message.message;
              continue;
            }
            case 3: {
              if (wireType !== 0) break;
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.timestamp = value;
              else delete message.timestamp;
              continue;
            }
            case 4: {
              if (wireType !== 0) break;
              if ((value = reader.int32())) message.type = value;
              else delete message.type;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a ChatMessage message.
       * @function verify
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      ChatMessage.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.fromClientId != null && $Object.hasOwnProperty.call(message, 'fromClientId'))
          if (!$util.isString(message.fromClientId)) return 'fromClientId: string expected';
        if (message.message != null && $Object.hasOwnProperty.call(message, 'message'))
          if (!$util.isString(message.message)) return 'message: string expected';
        if (message.timestamp != null && $Object.hasOwnProperty.call(message, 'timestamp'))
          if (
            !$util.isInteger(message.timestamp) &&
            !(
              message.timestamp &&
              $util.isInteger(message.timestamp.low) &&
              $util.isInteger(message.timestamp.high)
            )
          )
            return 'timestamp: integer|Long expected';
        if (message.type != null && $Object.hasOwnProperty.call(message, 'type'))
          if (typeof message.type !== 'number' || (message.type | 0) !== message.type)
            return 'type: enum value expected';
        return null;
      };

      /**
       * Creates a ChatMessage message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.ChatMessage} ChatMessage
       */
      ChatMessage.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.ChatMessage) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.ChatMessage: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.ChatMessage();
        if (object.fromClientId != null)
          if (typeof object.fromClientId !== 'string' || object.fromClientId.length)
            message.fromClientId = $String(object.fromClientId);
        if (object.message != null)
          if (typeof object.message !== 'string' || object.message.length)
            message.message = $String(object.message);
        if (object.timestamp != null)
          if (
            typeof object.timestamp === 'object'
              ? object.timestamp.low || object.timestamp.high
              : $Number(object.timestamp) !== 0
          )
            if ($util.Long) message.timestamp = $util.Long.fromValue(object.timestamp, false);
            else if (typeof object.timestamp === 'string')
              message.timestamp = $parseInt(object.timestamp, 10);
            else if (typeof object.timestamp === 'number') message.timestamp = object.timestamp;
            else if (typeof object.timestamp === 'object')
              message.timestamp = new $util.LongBits(
                object.timestamp.low >>> 0,
                object.timestamp.high >>> 0,
              ).toNumber();
        if (
          object.type !== 0 &&
          (typeof object.type !== 'string' ||
            $root.graphwiz.core.ChatMessageType[object.type] !== 0)
        )
          switch (object.type) {
            case 'NORMAL':
            case 0:
              message.type = 0;
              break;
            case 'WHISPER':
            case 1:
              message.type = 1;
              break;
            case 'SHOUT':
            case 2:
              message.type = 2;
              break;
            default:
              if (typeof object.type === 'number' && (object.type | 0) === object.type)
                message.type = object.type;
          }
        return message;
      };

      /**
       * Creates a plain object from a ChatMessage message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.ChatMessage
       * @static
       * @param {graphwiz.core.ChatMessage} message ChatMessage
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      ChatMessage.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.fromClientId = '';
          object.message = '';
          if ($util.Long) {
            let long = new $util.Long(0, 0, false);
            object.timestamp =
              options.longs === $String
                ? long.toString()
                : options.longs === $Number
                  ? long.toNumber()
                  : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                    ? long.toBigInt()
                    : long;
          } else
            object.timestamp =
              options.longs === $String
                ? '0'
                : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                  ? $BigInt('0')
                  : 0;
          object.type = options.enums === $String ? 'NORMAL' : 0;
        }
        if (message.fromClientId != null && $Object.hasOwnProperty.call(message, 'fromClientId'))
          object.fromClientId = message.fromClientId;
        if (message.message != null && $Object.hasOwnProperty.call(message, 'message'))
          object.message = message.message;
        if (message.timestamp != null && $Object.hasOwnProperty.call(message, 'timestamp'))
          if (typeof $BigInt !== 'undefined' && options.longs === $BigInt)
            object.timestamp =
              typeof message.timestamp === 'number'
                ? $BigInt(message.timestamp)
                : $util.Long.fromBits(
                    message.timestamp.low >>> 0,
                    message.timestamp.high >>> 0,
                    false,
                  ).toBigInt();
          else if (typeof message.timestamp === 'number')
            object.timestamp =
              options.longs === $String ? $String(message.timestamp) : message.timestamp;
          else
            object.timestamp =
              options.longs === $String
                ? $util.Long.prototype.toString.call(message.timestamp)
                : options.longs === $Number
                  ? new $util.LongBits(
                      message.timestamp.low >>> 0,
                      message.timestamp.high >>> 0,
                    ).toNumber()
                  : message.timestamp;
        if (message.type != null && $Object.hasOwnProperty.call(message, 'type'))
          object.type =
            options.enums === $String
              ? $root.graphwiz.core.ChatMessageType[message.type] === $undefined
                ? message.type
                : $root.graphwiz.core.ChatMessageType[message.type]
              : message.type;
        return object;
      };

      /**
       * Converts this ChatMessage to JSON.
       * @function toJSON
       * @memberof graphwiz.core.ChatMessage
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      ChatMessage.prototype.toJSON = function () {
        return ChatMessage.toObject(this, $protobuf.util.toJSONOptions);
      };

      return ChatMessage;
    })();

    /**
     * PresenceEventType enum.
     * @name graphwiz.core.PresenceEventType
     * @enum {number}
     * @property {number} JOIN=0 JOIN value
     * @property {number} LEAVE=1 LEAVE value
     * @property {number} UPDATE=2 UPDATE value
     */
    core.PresenceEventType = (function () {
      const valuesById = $Object.create(null),
        values = $Object.create(valuesById);
      values[(valuesById[0] = 'JOIN')] = 0;
      values[(valuesById[1] = 'LEAVE')] = 1;
      values[(valuesById[2] = 'UPDATE')] = 2;
      return values;
    })();

    core.PresenceEvent = (function () {
      /**
       * Properties of a PresenceEvent.
       * @typedef {Object} graphwiz.core.PresenceEvent.$Properties
       * @property {string|null} [clientId] PresenceEvent clientId
       * @property {graphwiz.core.PresenceEventType|null} [eventType] PresenceEvent eventType
       * @property {graphwiz.core.PresenceData.$Properties|null} [data] PresenceEvent data
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a PresenceEvent.
       * @memberof graphwiz.core
       * @interface IPresenceEvent
       * @augments graphwiz.core.PresenceEvent.$Properties
       * @deprecated Use graphwiz.core.PresenceEvent.$Properties instead.
       */

      /**
       * Shape of a PresenceEvent.
       * @typedef {graphwiz.core.PresenceEvent.$Properties} graphwiz.core.PresenceEvent.$Shape
       */

      /**
       * Constructs a new PresenceEvent.
       * @memberof graphwiz.core
       * @classdesc Represents a PresenceEvent.
       * @constructor
       * @param {graphwiz.core.PresenceEvent.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const PresenceEvent = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * PresenceEvent clientId.
       * @member {string} clientId
       * @memberof graphwiz.core.PresenceEvent
       * @instance
       */
      PresenceEvent.prototype.clientId = '';

      /**
       * PresenceEvent eventType.
       * @member {graphwiz.core.PresenceEventType} eventType
       * @memberof graphwiz.core.PresenceEvent
       * @instance
       */
      PresenceEvent.prototype.eventType = 0;

      /**
       * PresenceEvent data.
       * @member {graphwiz.core.PresenceData.$Properties|null|undefined} data
       * @memberof graphwiz.core.PresenceEvent
       * @instance
       */
      PresenceEvent.prototype.data = null;

      /**
       * Creates a new PresenceEvent instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {graphwiz.core.PresenceEvent.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.PresenceEvent} PresenceEvent instance
       * @type {{
       *   (properties: graphwiz.core.PresenceEvent.$Shape): graphwiz.core.PresenceEvent & graphwiz.core.PresenceEvent.$Shape;
       *   (properties?: graphwiz.core.PresenceEvent.$Properties): graphwiz.core.PresenceEvent;
       * }}
       */
      PresenceEvent.create = function (properties) {
        return new PresenceEvent(properties);
      };

      /**
       * Encodes the specified PresenceEvent message. Does not implicitly {@link graphwiz.core.PresenceEvent.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {graphwiz.core.PresenceEvent.$Properties} message PresenceEvent message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      PresenceEvent.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.clientId != null &&
          $Object.hasOwnProperty.call(message, 'clientId') &&
          message.clientId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.clientId);
        if (
          message.eventType != null &&
          $Object.hasOwnProperty.call(message, 'eventType') &&
          message.eventType !== 0
        )
          writer.uint32(/* id 2, wireType 0 =*/ 16).int32(message.eventType);
        if (message.data != null && $Object.hasOwnProperty.call(message, 'data'))
          $root.graphwiz.core.PresenceData.encode(
            message.data,
            writer.uint32(/* id 3, wireType 2 =*/ 26).fork(),
            _depth + 1,
          ).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a PresenceEvent message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.PresenceEvent & graphwiz.core.PresenceEvent.$Shape} PresenceEvent
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      PresenceEvent.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.PresenceEvent();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.clientId = value;
              else delete message.clientId;
              continue;
            }
            case 2: {
              if (wireType !== 0) break;
              if ((value = reader.int32())) message.eventType = value;
              else delete message.eventType;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              message.data = $root.graphwiz.core.PresenceData.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.data,
              );
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a PresenceEvent message.
       * @function verify
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      PresenceEvent.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          if (!$util.isString(message.clientId)) return 'clientId: string expected';
        if (message.eventType != null && $Object.hasOwnProperty.call(message, 'eventType'))
          if (
            typeof message.eventType !== 'number' ||
            (message.eventType | 0) !== message.eventType
          )
            return 'eventType: enum value expected';
        if (message.data != null && $Object.hasOwnProperty.call(message, 'data')) {
          let error = $root.graphwiz.core.PresenceData.verify(message.data, _depth + 1);
          if (error) return 'data.' + error;
        }
        return null;
      };

      /**
       * Creates a PresenceEvent message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.PresenceEvent} PresenceEvent
       */
      PresenceEvent.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.PresenceEvent) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.PresenceEvent: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.PresenceEvent();
        if (object.clientId != null)
          if (typeof object.clientId !== 'string' || object.clientId.length)
            message.clientId = $String(object.clientId);
        if (
          object.eventType !== 0 &&
          (typeof object.eventType !== 'string' ||
            $root.graphwiz.core.PresenceEventType[object.eventType] !== 0)
        )
          switch (object.eventType) {
            case 'JOIN':
            case 0:
              message.eventType = 0;
              break;
            case 'LEAVE':
            case 1:
              message.eventType = 1;
              break;
            case 'UPDATE':
            case 2:
              message.eventType = 2;
              break;
            default:
              if (
                typeof object.eventType === 'number' &&
                (object.eventType | 0) === object.eventType
              )
                message.eventType = object.eventType;
          }
        if (object.data != null) {
          if (!$util.isObject(object.data))
            throw $TypeError('.graphwiz.core.PresenceEvent.data: object expected');
          message.data = $root.graphwiz.core.PresenceData.fromObject(object.data, _depth + 1);
        }
        return message;
      };

      /**
       * Creates a plain object from a PresenceEvent message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.PresenceEvent
       * @static
       * @param {graphwiz.core.PresenceEvent} message PresenceEvent
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      PresenceEvent.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.clientId = '';
          object.eventType = options.enums === $String ? 'JOIN' : 0;
          object.data = null;
        }
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          object.clientId = message.clientId;
        if (message.eventType != null && $Object.hasOwnProperty.call(message, 'eventType'))
          object.eventType =
            options.enums === $String
              ? $root.graphwiz.core.PresenceEventType[message.eventType] === $undefined
                ? message.eventType
                : $root.graphwiz.core.PresenceEventType[message.eventType]
              : message.eventType;
        if (message.data != null && $Object.hasOwnProperty.call(message, 'data'))
          object.data = $root.graphwiz.core.PresenceData.toObject(
            message.data,
            options,
            _depth + 1,
          );
        return object;
      };

      /**
       * Converts this PresenceEvent to JSON.
       * @function toJSON
       * @memberof graphwiz.core.PresenceEvent
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      PresenceEvent.prototype.toJSON = function () {
        return PresenceEvent.toObject(this, $protobuf.util.toJSONOptions);
      };

      return PresenceEvent;
    })();

    core.AvatarConfig = (function () {
      /**
       * Properties of an AvatarConfig.
       * @typedef {Object} graphwiz.core.AvatarConfig.$Properties
       * @property {string|null} [bodyType] AvatarConfig bodyType
       * @property {string|null} [primaryColor] AvatarConfig primaryColor
       * @property {string|null} [secondaryColor] AvatarConfig secondaryColor
       * @property {number|null} [height] AvatarConfig height
       * @property {string|null} [customModelUrl] AvatarConfig customModelUrl
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an AvatarConfig.
       * @memberof graphwiz.core
       * @interface IAvatarConfig
       * @augments graphwiz.core.AvatarConfig.$Properties
       * @deprecated Use graphwiz.core.AvatarConfig.$Properties instead.
       */

      /**
       * Shape of an AvatarConfig.
       * @typedef {graphwiz.core.AvatarConfig.$Properties} graphwiz.core.AvatarConfig.$Shape
       */

      /**
       * Constructs a new AvatarConfig.
       * @memberof graphwiz.core
       * @classdesc Represents an AvatarConfig.
       * @constructor
       * @param {graphwiz.core.AvatarConfig.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const AvatarConfig = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * AvatarConfig bodyType.
       * @member {string} bodyType
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       */
      AvatarConfig.prototype.bodyType = '';

      /**
       * AvatarConfig primaryColor.
       * @member {string} primaryColor
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       */
      AvatarConfig.prototype.primaryColor = '';

      /**
       * AvatarConfig secondaryColor.
       * @member {string} secondaryColor
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       */
      AvatarConfig.prototype.secondaryColor = '';

      /**
       * AvatarConfig height.
       * @member {number} height
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       */
      AvatarConfig.prototype.height = 0;

      /**
       * AvatarConfig customModelUrl.
       * @member {string} customModelUrl
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       */
      AvatarConfig.prototype.customModelUrl = '';

      /**
       * Creates a new AvatarConfig instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {graphwiz.core.AvatarConfig.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.AvatarConfig} AvatarConfig instance
       * @type {{
       *   (properties: graphwiz.core.AvatarConfig.$Shape): graphwiz.core.AvatarConfig & graphwiz.core.AvatarConfig.$Shape;
       *   (properties?: graphwiz.core.AvatarConfig.$Properties): graphwiz.core.AvatarConfig;
       * }}
       */
      AvatarConfig.create = function (properties) {
        return new AvatarConfig(properties);
      };

      /**
       * Encodes the specified AvatarConfig message. Does not implicitly {@link graphwiz.core.AvatarConfig.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {graphwiz.core.AvatarConfig.$Properties} message AvatarConfig message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      AvatarConfig.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.bodyType != null &&
          $Object.hasOwnProperty.call(message, 'bodyType') &&
          message.bodyType !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.bodyType);
        if (
          message.primaryColor != null &&
          $Object.hasOwnProperty.call(message, 'primaryColor') &&
          message.primaryColor !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.primaryColor);
        if (
          message.secondaryColor != null &&
          $Object.hasOwnProperty.call(message, 'secondaryColor') &&
          message.secondaryColor !== ''
        )
          writer.uint32(/* id 3, wireType 2 =*/ 26).string(message.secondaryColor);
        if (
          message.height != null &&
          $Object.hasOwnProperty.call(message, 'height') &&
          !$Object.is(message.height, 0)
        )
          writer.uint32(/* id 4, wireType 5 =*/ 37).float(message.height);
        if (
          message.customModelUrl != null &&
          $Object.hasOwnProperty.call(message, 'customModelUrl') &&
          message.customModelUrl !== ''
        )
          writer.uint32(/* id 5, wireType 2 =*/ 42).string(message.customModelUrl);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an AvatarConfig message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.AvatarConfig & graphwiz.core.AvatarConfig.$Shape} AvatarConfig
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      AvatarConfig.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.AvatarConfig();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.bodyType = value;
              else delete message.bodyType;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.primaryColor = value;
              else delete message.primaryColor;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.secondaryColor = value;
              else delete message.secondaryColor;
              continue;
            }
            case 4: {
              if (wireType !== 5) break;
              if (!$Object.is((value = reader.float()), 0)) message.height = value;
              else delete message.height;
              continue;
            }
            case 5: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.customModelUrl = value;
              else delete message.customModelUrl;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an AvatarConfig message.
       * @function verify
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      AvatarConfig.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.bodyType != null && $Object.hasOwnProperty.call(message, 'bodyType'))
          if (!$util.isString(message.bodyType)) return 'bodyType: string expected';
        if (message.primaryColor != null && $Object.hasOwnProperty.call(message, 'primaryColor'))
          if (!$util.isString(message.primaryColor)) return 'primaryColor: string expected';
        if (
          message.secondaryColor != null &&
          $Object.hasOwnProperty.call(message, 'secondaryColor')
        )
          if (!$util.isString(message.secondaryColor)) return 'secondaryColor: string expected';
        if (message.height != null && $Object.hasOwnProperty.call(message, 'height'))
          if (typeof message.height !== 'number') return 'height: number expected';
        if (
          message.customModelUrl != null &&
          $Object.hasOwnProperty.call(message, 'customModelUrl')
        )
          if (!$util.isString(message.customModelUrl)) return 'customModelUrl: string expected';
        return null;
      };

      /**
       * Creates an AvatarConfig message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.AvatarConfig} AvatarConfig
       */
      AvatarConfig.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.AvatarConfig) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.AvatarConfig: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.AvatarConfig();
        if (object.bodyType != null)
          if (typeof object.bodyType !== 'string' || object.bodyType.length)
            message.bodyType = $String(object.bodyType);
        if (object.primaryColor != null)
          if (typeof object.primaryColor !== 'string' || object.primaryColor.length)
            message.primaryColor = $String(object.primaryColor);
        if (object.secondaryColor != null)
          if (typeof object.secondaryColor !== 'string' || object.secondaryColor.length)
            message.secondaryColor = $String(object.secondaryColor);
        if (object.height != null)
          if (!$Object.is($Number(object.height), 0)) message.height = $Number(object.height);
        if (object.customModelUrl != null)
          if (typeof object.customModelUrl !== 'string' || object.customModelUrl.length)
            message.customModelUrl = $String(object.customModelUrl);
        return message;
      };

      /**
       * Creates a plain object from an AvatarConfig message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.AvatarConfig
       * @static
       * @param {graphwiz.core.AvatarConfig} message AvatarConfig
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      AvatarConfig.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.bodyType = '';
          object.primaryColor = '';
          object.secondaryColor = '';
          object.height = 0;
          object.customModelUrl = '';
        }
        if (message.bodyType != null && $Object.hasOwnProperty.call(message, 'bodyType'))
          object.bodyType = message.bodyType;
        if (message.primaryColor != null && $Object.hasOwnProperty.call(message, 'primaryColor'))
          object.primaryColor = message.primaryColor;
        if (
          message.secondaryColor != null &&
          $Object.hasOwnProperty.call(message, 'secondaryColor')
        )
          object.secondaryColor = message.secondaryColor;
        if (message.height != null && $Object.hasOwnProperty.call(message, 'height'))
          object.height =
            options.json && !$isFinite(message.height) ? $String(message.height) : message.height;
        if (
          message.customModelUrl != null &&
          $Object.hasOwnProperty.call(message, 'customModelUrl')
        )
          object.customModelUrl = message.customModelUrl;
        return object;
      };

      /**
       * Converts this AvatarConfig to JSON.
       * @function toJSON
       * @memberof graphwiz.core.AvatarConfig
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      AvatarConfig.prototype.toJSON = function () {
        return AvatarConfig.toObject(this, $protobuf.util.toJSONOptions);
      };

      return AvatarConfig;
    })();

    core.PresenceData = (function () {
      /**
       * Properties of a PresenceData.
       * @typedef {Object} graphwiz.core.PresenceData.$Properties
       * @property {string|null} [displayName] PresenceData displayName
       * @property {string|null} [avatarUrl] PresenceData avatarUrl
       * @property {graphwiz.core.Vector3.$Properties|null} [position] PresenceData position
       * @property {graphwiz.core.Quaternion.$Properties|null} [rotation] PresenceData rotation
       * @property {graphwiz.core.AvatarConfig.$Properties|null} [avatarConfig] PresenceData avatarConfig
       * @property {string|null} [hostClientId] PresenceData hostClientId
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a PresenceData.
       * @memberof graphwiz.core
       * @interface IPresenceData
       * @augments graphwiz.core.PresenceData.$Properties
       * @deprecated Use graphwiz.core.PresenceData.$Properties instead.
       */

      /**
       * Shape of a PresenceData.
       * @typedef {graphwiz.core.PresenceData.$Properties} graphwiz.core.PresenceData.$Shape
       */

      /**
       * Constructs a new PresenceData.
       * @memberof graphwiz.core
       * @classdesc Represents a PresenceData.
       * @constructor
       * @param {graphwiz.core.PresenceData.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const PresenceData = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * PresenceData displayName.
       * @member {string} displayName
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.displayName = '';

      /**
       * PresenceData avatarUrl.
       * @member {string} avatarUrl
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.avatarUrl = '';

      /**
       * PresenceData position.
       * @member {graphwiz.core.Vector3.$Properties|null|undefined} position
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.position = null;

      /**
       * PresenceData rotation.
       * @member {graphwiz.core.Quaternion.$Properties|null|undefined} rotation
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.rotation = null;

      /**
       * PresenceData avatarConfig.
       * @member {graphwiz.core.AvatarConfig.$Properties|null|undefined} avatarConfig
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.avatarConfig = null;

      /**
       * PresenceData hostClientId.
       * @member {string} hostClientId
       * @memberof graphwiz.core.PresenceData
       * @instance
       */
      PresenceData.prototype.hostClientId = '';

      /**
       * Creates a new PresenceData instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {graphwiz.core.PresenceData.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.PresenceData} PresenceData instance
       * @type {{
       *   (properties: graphwiz.core.PresenceData.$Shape): graphwiz.core.PresenceData & graphwiz.core.PresenceData.$Shape;
       *   (properties?: graphwiz.core.PresenceData.$Properties): graphwiz.core.PresenceData;
       * }}
       */
      PresenceData.create = function (properties) {
        return new PresenceData(properties);
      };

      /**
       * Encodes the specified PresenceData message. Does not implicitly {@link graphwiz.core.PresenceData.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {graphwiz.core.PresenceData.$Properties} message PresenceData message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      PresenceData.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.displayName != null &&
          $Object.hasOwnProperty.call(message, 'displayName') &&
          message.displayName !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.displayName);
        if (
          message.avatarUrl != null &&
          $Object.hasOwnProperty.call(message, 'avatarUrl') &&
          message.avatarUrl !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.avatarUrl);
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          $root.graphwiz.core.Vector3.encode(
            message.position,
            writer.uint32(/* id 3, wireType 2 =*/ 26).fork(),
            _depth + 1,
          ).ldelim();
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          $root.graphwiz.core.Quaternion.encode(
            message.rotation,
            writer.uint32(/* id 4, wireType 2 =*/ 34).fork(),
            _depth + 1,
          ).ldelim();
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig'))
          $root.graphwiz.core.AvatarConfig.encode(
            message.avatarConfig,
            writer.uint32(/* id 5, wireType 2 =*/ 42).fork(),
            _depth + 1,
          ).ldelim();
        if (
          message.hostClientId != null &&
          $Object.hasOwnProperty.call(message, 'hostClientId') &&
          message.hostClientId !== ''
        )
          writer.uint32(/* id 6, wireType 2 =*/ 50).string(message.hostClientId);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a PresenceData message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.PresenceData & graphwiz.core.PresenceData.$Shape} PresenceData
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      PresenceData.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.PresenceData();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.displayName = value;
              else delete message.displayName;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.avatarUrl = value;
              else delete message.avatarUrl;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              message.position = $root.graphwiz.core.Vector3.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.position,
              );
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              message.rotation = $root.graphwiz.core.Quaternion.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.rotation,
              );
              continue;
            }
            case 5: {
              if (wireType !== 2) break;
              message.avatarConfig = $root.graphwiz.core.AvatarConfig.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.avatarConfig,
              );
              continue;
            }
            case 6: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.hostClientId = value;
              else delete message.hostClientId;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a PresenceData message.
       * @function verify
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      PresenceData.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          if (!$util.isString(message.displayName)) return 'displayName: string expected';
        if (message.avatarUrl != null && $Object.hasOwnProperty.call(message, 'avatarUrl'))
          if (!$util.isString(message.avatarUrl)) return 'avatarUrl: string expected';
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position')) {
          let error = $root.graphwiz.core.Vector3.verify(message.position, _depth + 1);
          if (error) return 'position.' + error;
        }
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation')) {
          let error = $root.graphwiz.core.Quaternion.verify(message.rotation, _depth + 1);
          if (error) return 'rotation.' + error;
        }
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig')) {
          let error = $root.graphwiz.core.AvatarConfig.verify(message.avatarConfig, _depth + 1);
          if (error) return 'avatarConfig.' + error;
        }
        if (message.hostClientId != null && $Object.hasOwnProperty.call(message, 'hostClientId'))
          if (!$util.isString(message.hostClientId)) return 'hostClientId: string expected';
        return null;
      };

      /**
       * Creates a PresenceData message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.PresenceData} PresenceData
       */
      PresenceData.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.PresenceData) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.PresenceData: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.PresenceData();
        if (object.displayName != null)
          if (typeof object.displayName !== 'string' || object.displayName.length)
            message.displayName = $String(object.displayName);
        if (object.avatarUrl != null)
          if (typeof object.avatarUrl !== 'string' || object.avatarUrl.length)
            message.avatarUrl = $String(object.avatarUrl);
        if (object.position != null) {
          if (!$util.isObject(object.position))
            throw $TypeError('.graphwiz.core.PresenceData.position: object expected');
          message.position = $root.graphwiz.core.Vector3.fromObject(object.position, _depth + 1);
        }
        if (object.rotation != null) {
          if (!$util.isObject(object.rotation))
            throw $TypeError('.graphwiz.core.PresenceData.rotation: object expected');
          message.rotation = $root.graphwiz.core.Quaternion.fromObject(object.rotation, _depth + 1);
        }
        if (object.avatarConfig != null) {
          if (!$util.isObject(object.avatarConfig))
            throw $TypeError('.graphwiz.core.PresenceData.avatarConfig: object expected');
          message.avatarConfig = $root.graphwiz.core.AvatarConfig.fromObject(
            object.avatarConfig,
            _depth + 1,
          );
        }
        if (object.hostClientId != null)
          if (typeof object.hostClientId !== 'string' || object.hostClientId.length)
            message.hostClientId = $String(object.hostClientId);
        return message;
      };

      /**
       * Creates a plain object from a PresenceData message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.PresenceData
       * @static
       * @param {graphwiz.core.PresenceData} message PresenceData
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      PresenceData.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.displayName = '';
          object.avatarUrl = '';
          object.position = null;
          object.rotation = null;
          object.avatarConfig = null;
          object.hostClientId = '';
        }
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          object.displayName = message.displayName;
        if (message.avatarUrl != null && $Object.hasOwnProperty.call(message, 'avatarUrl'))
          object.avatarUrl = message.avatarUrl;
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          object.position = $root.graphwiz.core.Vector3.toObject(
            message.position,
            options,
            _depth + 1,
          );
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          object.rotation = $root.graphwiz.core.Quaternion.toObject(
            message.rotation,
            options,
            _depth + 1,
          );
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig'))
          object.avatarConfig = $root.graphwiz.core.AvatarConfig.toObject(
            message.avatarConfig,
            options,
            _depth + 1,
          );
        if (message.hostClientId != null && $Object.hasOwnProperty.call(message, 'hostClientId'))
          object.hostClientId = message.hostClientId;
        return object;
      };

      /**
       * Converts this PresenceData to JSON.
       * @function toJSON
       * @memberof graphwiz.core.PresenceData
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      PresenceData.prototype.toJSON = function () {
        return PresenceData.toObject(this, $protobuf.util.toJSONOptions);
      };

      return PresenceData;
    })();

    core.WorldState = (function () {
      /**
       * Properties of a WorldState.
       * @typedef {Object} graphwiz.core.WorldState.$Properties
       * @property {Array.<graphwiz.core.EntitySnapshot.$Properties>|null} [entities] WorldState entities
       * @property {Array.<graphwiz.core.PlayerSnapshot.$Properties>|null} [players] WorldState players
       * @property {number|Long|null} [lastUpdate] WorldState lastUpdate
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a WorldState.
       * @memberof graphwiz.core
       * @interface IWorldState
       * @augments graphwiz.core.WorldState.$Properties
       * @deprecated Use graphwiz.core.WorldState.$Properties instead.
       */

      /**
       * Shape of a WorldState.
       * @typedef {graphwiz.core.WorldState.$Properties} graphwiz.core.WorldState.$Shape
       */

      /**
       * Constructs a new WorldState.
       * @memberof graphwiz.core
       * @classdesc Represents a WorldState.
       * @constructor
       * @param {graphwiz.core.WorldState.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const WorldState = function (properties) {
        this.entities = [];
        this.players = [];
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * WorldState entities.
       * @member {Array.<graphwiz.core.EntitySnapshot.$Properties>} entities
       * @memberof graphwiz.core.WorldState
       * @instance
       */
      WorldState.prototype.entities = $util.emptyArray;

      /**
       * WorldState players.
       * @member {Array.<graphwiz.core.PlayerSnapshot.$Properties>} players
       * @memberof graphwiz.core.WorldState
       * @instance
       */
      WorldState.prototype.players = $util.emptyArray;

      /**
       * WorldState lastUpdate.
       * @member {number|Long} lastUpdate
       * @memberof graphwiz.core.WorldState
       * @instance
       */
      WorldState.prototype.lastUpdate = $util.Long ? $util.Long.fromBits(0, 0, false) : 0;

      /**
       * Creates a new WorldState instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {graphwiz.core.WorldState.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.WorldState} WorldState instance
       * @type {{
       *   (properties: graphwiz.core.WorldState.$Shape): graphwiz.core.WorldState & graphwiz.core.WorldState.$Shape;
       *   (properties?: graphwiz.core.WorldState.$Properties): graphwiz.core.WorldState;
       * }}
       */
      WorldState.create = function (properties) {
        return new WorldState(properties);
      };

      /**
       * Encodes the specified WorldState message. Does not implicitly {@link graphwiz.core.WorldState.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {graphwiz.core.WorldState.$Properties} message WorldState message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      WorldState.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (message.entities != null && message.entities.length)
          for (let i = 0; i < message.entities.length; ++i)
            $root.graphwiz.core.EntitySnapshot.encode(
              message.entities[i],
              writer.uint32(/* id 1, wireType 2 =*/ 10).fork(),
              _depth + 1,
            ).ldelim();
        if (message.players != null && message.players.length)
          for (let i = 0; i < message.players.length; ++i)
            $root.graphwiz.core.PlayerSnapshot.encode(
              message.players[i],
              writer.uint32(/* id 2, wireType 2 =*/ 18).fork(),
              _depth + 1,
            ).ldelim();
        if (
          message.lastUpdate != null &&
          $Object.hasOwnProperty.call(message, 'lastUpdate') &&
          (typeof message.lastUpdate === 'object'
            ? message.lastUpdate.low || message.lastUpdate.high
            : message.lastUpdate !== 0)
        )
          writer.uint32(/* id 3, wireType 0 =*/ 24).int64(message.lastUpdate);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a WorldState message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.WorldState & graphwiz.core.WorldState.$Shape} WorldState
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      WorldState.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.WorldState();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if (!(message.entities && message.entities.length)) message.entities = [];
              message.entities.push(
                $root.graphwiz.core.EntitySnapshot.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1,
                ),
              );
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if (!(message.players && message.players.length)) message.players = [];
              message.players.push(
                $root.graphwiz.core.PlayerSnapshot.decode(
                  reader,
                  reader.size(),
                  $undefined,
                  _depth + 1,
                ),
              );
              continue;
            }
            case 3: {
              if (wireType !== 0) break;
              if (
                typeof (value = reader.int64()) === 'object' ? value.low || value.high : value !== 0
              )
                message.lastUpdate = value;
              else delete message.lastUpdate;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a WorldState message.
       * @function verify
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      WorldState.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.entities != null && $Object.hasOwnProperty.call(message, 'entities')) {
          if (!$Array.isArray(message.entities)) return 'entities: array expected';
          for (let i = 0; i < message.entities.length; ++i) {
            let error = $root.graphwiz.core.EntitySnapshot.verify(message.entities[i], _depth + 1);
            if (error) return 'entities.' + error;
          }
        }
        if (message.players != null && $Object.hasOwnProperty.call(message, 'players')) {
          if (!$Array.isArray(message.players)) return 'players: array expected';
          for (let i = 0; i < message.players.length; ++i) {
            let error = $root.graphwiz.core.PlayerSnapshot.verify(message.players[i], _depth + 1);
            if (error) return 'players.' + error;
          }
        }
        if (message.lastUpdate != null && $Object.hasOwnProperty.call(message, 'lastUpdate'))
          if (
            !$util.isInteger(message.lastUpdate) &&
            !(
              message.lastUpdate &&
              $util.isInteger(message.lastUpdate.low) &&
              $util.isInteger(message.lastUpdate.high)
            )
          )
            return 'lastUpdate: integer|Long expected';
        return null;
      };

      /**
       * Creates a WorldState message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.WorldState} WorldState
       */
      WorldState.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.WorldState) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.WorldState: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.WorldState();
        if (object.entities) {
          if (!$Array.isArray(object.entities))
            throw $TypeError('.graphwiz.core.WorldState.entities: array expected');
          message.entities = $Array(object.entities.length);
          for (let i = 0; i < object.entities.length; ++i) {
            if (!$util.isObject(object.entities[i]))
              throw $TypeError('.graphwiz.core.WorldState.entities: object expected');
            message.entities[i] = $root.graphwiz.core.EntitySnapshot.fromObject(
              object.entities[i],
              _depth + 1,
            );
          }
        }
        if (object.players) {
          if (!$Array.isArray(object.players))
            throw $TypeError('.graphwiz.core.WorldState.players: array expected');
          message.players = $Array(object.players.length);
          for (let i = 0; i < object.players.length; ++i) {
            if (!$util.isObject(object.players[i]))
              throw $TypeError('.graphwiz.core.WorldState.players: object expected');
            message.players[i] = $root.graphwiz.core.PlayerSnapshot.fromObject(
              object.players[i],
              _depth + 1,
            );
          }
        }
        if (object.lastUpdate != null)
          if (
            typeof object.lastUpdate === 'object'
              ? object.lastUpdate.low || object.lastUpdate.high
              : $Number(object.lastUpdate) !== 0
          )
            if ($util.Long) message.lastUpdate = $util.Long.fromValue(object.lastUpdate, false);
            else if (typeof object.lastUpdate === 'string')
              message.lastUpdate = $parseInt(object.lastUpdate, 10);
            else if (typeof object.lastUpdate === 'number') message.lastUpdate = object.lastUpdate;
            else if (typeof object.lastUpdate === 'object')
              message.lastUpdate = new $util.LongBits(
                object.lastUpdate.low >>> 0,
                object.lastUpdate.high >>> 0,
              ).toNumber();
        return message;
      };

      /**
       * Creates a plain object from a WorldState message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.WorldState
       * @static
       * @param {graphwiz.core.WorldState} message WorldState
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      WorldState.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.arrays || options.defaults) {
          object.entities = [];
          object.players = [];
        }
        if (options.defaults)
          if ($util.Long) {
            let long = new $util.Long(0, 0, false);
            object.lastUpdate =
              options.longs === $String
                ? long.toString()
                : options.longs === $Number
                  ? long.toNumber()
                  : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                    ? long.toBigInt()
                    : long;
          } else
            object.lastUpdate =
              options.longs === $String
                ? '0'
                : typeof $BigInt !== 'undefined' && options.longs === $BigInt
                  ? $BigInt('0')
                  : 0;
        if (message.entities && message.entities.length) {
          object.entities = $Array(message.entities.length);
          for (let j = 0; j < message.entities.length; ++j)
            object.entities[j] = $root.graphwiz.core.EntitySnapshot.toObject(
              message.entities[j],
              options,
              _depth + 1,
            );
        }
        if (message.players && message.players.length) {
          object.players = $Array(message.players.length);
          for (let j = 0; j < message.players.length; ++j)
            object.players[j] = $root.graphwiz.core.PlayerSnapshot.toObject(
              message.players[j],
              options,
              _depth + 1,
            );
        }
        if (message.lastUpdate != null && $Object.hasOwnProperty.call(message, 'lastUpdate'))
          if (typeof $BigInt !== 'undefined' && options.longs === $BigInt)
            object.lastUpdate =
              typeof message.lastUpdate === 'number'
                ? $BigInt(message.lastUpdate)
                : $util.Long.fromBits(
                    message.lastUpdate.low >>> 0,
                    message.lastUpdate.high >>> 0,
                    false,
                  ).toBigInt();
          else if (typeof message.lastUpdate === 'number')
            object.lastUpdate =
              options.longs === $String ? $String(message.lastUpdate) : message.lastUpdate;
          else
            object.lastUpdate =
              options.longs === $String
                ? $util.Long.prototype.toString.call(message.lastUpdate)
                : options.longs === $Number
                  ? new $util.LongBits(
                      message.lastUpdate.low >>> 0,
                      message.lastUpdate.high >>> 0,
                    ).toNumber()
                  : message.lastUpdate;
        return object;
      };

      /**
       * Converts this WorldState to JSON.
       * @function toJSON
       * @memberof graphwiz.core.WorldState
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      WorldState.prototype.toJSON = function () {
        return WorldState.toObject(this, $protobuf.util.toJSONOptions);
      };

      return WorldState;
    })();

    core.EntitySnapshot = (function () {
      /**
       * Properties of an EntitySnapshot.
       * @typedef {Object} graphwiz.core.EntitySnapshot.$Properties
       * @property {string|null} [id] EntitySnapshot id
       * @property {string|null} [templateId] EntitySnapshot templateId
       * @property {graphwiz.core.Vector3.$Properties|null} [position] EntitySnapshot position
       * @property {graphwiz.core.Quaternion.$Properties|null} [rotation] EntitySnapshot rotation
       * @property {Object.<string,string>|null} [components] EntitySnapshot components
       * @property {string|null} [ownerId] EntitySnapshot ownerId
       * @property {Object.<string,Uint8Array>|null} [updatedComponents] EntitySnapshot updatedComponents
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an EntitySnapshot.
       * @memberof graphwiz.core
       * @interface IEntitySnapshot
       * @augments graphwiz.core.EntitySnapshot.$Properties
       * @deprecated Use graphwiz.core.EntitySnapshot.$Properties instead.
       */

      /**
       * Shape of an EntitySnapshot.
       * @typedef {graphwiz.core.EntitySnapshot.$Properties} graphwiz.core.EntitySnapshot.$Shape
       */

      /**
       * Constructs a new EntitySnapshot.
       * @memberof graphwiz.core
       * @classdesc Represents an EntitySnapshot.
       * @constructor
       * @param {graphwiz.core.EntitySnapshot.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const EntitySnapshot = function (properties) {
        this.components = {};
        this.updatedComponents = {};
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * EntitySnapshot id.
       * @member {string} id
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.id = '';

      /**
       * EntitySnapshot templateId.
       * @member {string} templateId
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.templateId = '';

      /**
       * EntitySnapshot position.
       * @member {graphwiz.core.Vector3.$Properties|null|undefined} position
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.position = null;

      /**
       * EntitySnapshot rotation.
       * @member {graphwiz.core.Quaternion.$Properties|null|undefined} rotation
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.rotation = null;

      /**
       * EntitySnapshot components.
       * @member {Object.<string,string>} components
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.components = $util.emptyObject;

      /**
       * EntitySnapshot ownerId.
       * @member {string} ownerId
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.ownerId = '';

      /**
       * EntitySnapshot updatedComponents.
       * @member {Object.<string,Uint8Array>} updatedComponents
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       */
      EntitySnapshot.prototype.updatedComponents = $util.emptyObject;

      /**
       * Creates a new EntitySnapshot instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {graphwiz.core.EntitySnapshot.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.EntitySnapshot} EntitySnapshot instance
       * @type {{
       *   (properties: graphwiz.core.EntitySnapshot.$Shape): graphwiz.core.EntitySnapshot & graphwiz.core.EntitySnapshot.$Shape;
       *   (properties?: graphwiz.core.EntitySnapshot.$Properties): graphwiz.core.EntitySnapshot;
       * }}
       */
      EntitySnapshot.create = function (properties) {
        return new EntitySnapshot(properties);
      };

      /**
       * Encodes the specified EntitySnapshot message. Does not implicitly {@link graphwiz.core.EntitySnapshot.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {graphwiz.core.EntitySnapshot.$Properties} message EntitySnapshot message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      EntitySnapshot.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (message.id != null && $Object.hasOwnProperty.call(message, 'id') && message.id !== '')
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.id);
        if (
          message.templateId != null &&
          $Object.hasOwnProperty.call(message, 'templateId') &&
          message.templateId !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.templateId);
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          $root.graphwiz.core.Vector3.encode(
            message.position,
            writer.uint32(/* id 3, wireType 2 =*/ 26).fork(),
            _depth + 1,
          ).ldelim();
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          $root.graphwiz.core.Quaternion.encode(
            message.rotation,
            writer.uint32(/* id 4, wireType 2 =*/ 34).fork(),
            _depth + 1,
          ).ldelim();
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components'))
          for (let keys = $Object.keys(message.components), i = 0; i < keys.length; ++i)
            writer
              .uint32(/* id 5, wireType 2 =*/ 42)
              .fork()
              .uint32(/* id 1, wireType 2 =*/ 10)
              .string(keys[i])
              .uint32(/* id 2, wireType 2 =*/ 18)
              .string(message.components[keys[i]])
              .ldelim();
        if (
          message.ownerId != null &&
          $Object.hasOwnProperty.call(message, 'ownerId') &&
          message.ownerId !== ''
        )
          writer.uint32(/* id 100, wireType 2 =*/ 802).string(message.ownerId);
        if (
          message.updatedComponents != null &&
          $Object.hasOwnProperty.call(message, 'updatedComponents')
        )
          for (let keys = $Object.keys(message.updatedComponents), i = 0; i < keys.length; ++i)
            writer
              .uint32(/* id 101, wireType 2 =*/ 810)
              .fork()
              .uint32(/* id 1, wireType 2 =*/ 10)
              .string(keys[i])
              .uint32(/* id 2, wireType 2 =*/ 18)
              .bytes(message.updatedComponents[keys[i]])
              .ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an EntitySnapshot message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.EntitySnapshot & graphwiz.core.EntitySnapshot.$Shape} EntitySnapshot
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      EntitySnapshot.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, key, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.EntitySnapshot();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.id = value;
              else delete message.id;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.templateId = value;
              else delete message.templateId;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              message.position = $root.graphwiz.core.Vector3.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.position,
              );
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              message.rotation = $root.graphwiz.core.Quaternion.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.rotation,
              );
              continue;
            }
            case 5: {
              if (wireType !== 2) break;
              if (message.components === $util.emptyObject) message.components = {};
              let end2 = reader.size() + reader.pos;
              if (end2 > reader.len) throw $RangeError('index out of range');
              reader.len = end2;
              key = '';
              value = '';
              while (reader.pos < end2) {
                let tag2 = reader.tag();
                wireType = tag2 & 7;
                switch ((tag2 >>>= 3)) {
                  case 1:
                    if (wireType !== 2) break;
                    key = reader.stringVerify();
                    continue;
                  case 2:
                    if (wireType !== 2) break;
                    value = reader.stringVerify();
                    continue;
                }
                reader.skipType(wireType, _depth, tag2);
              }
              if (reader.pos !== end2) throw $RangeError('index out of range');
              reader.len = end;
              if (key === '__proto__') $util.makeProp(message.components, key);
              message.components[key] = value;
              continue;
            }
            case 100: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.ownerId = value;
              else delete message.ownerId;
              continue;
            }
            case 101: {
              if (wireType !== 2) break;
              if (message.updatedComponents === $util.emptyObject) message.updatedComponents = {};
              let end2 = reader.size() + reader.pos;
              if (end2 > reader.len) throw $RangeError('index out of range');
              reader.len = end2;
              key = '';
              value = [];
              while (reader.pos < end2) {
                let tag2 = reader.tag();
                wireType = tag2 & 7;
                switch ((tag2 >>>= 3)) {
                  case 1:
                    if (wireType !== 2) break;
                    key = reader.stringVerify();
                    continue;
                  case 2:
                    if (wireType !== 2) break;
                    value = reader.bytes();
                    continue;
                }
                reader.skipType(wireType, _depth, tag2);
              }
              if (reader.pos !== end2) throw $RangeError('index out of range');
              reader.len = end;
              if (key === '__proto__') $util.makeProp(message.updatedComponents, key);
              message.updatedComponents[key] = value;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an EntitySnapshot message.
       * @function verify
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      EntitySnapshot.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.id != null && $Object.hasOwnProperty.call(message, 'id'))
          if (!$util.isString(message.id)) return 'id: string expected';
        if (message.templateId != null && $Object.hasOwnProperty.call(message, 'templateId'))
          if (!$util.isString(message.templateId)) return 'templateId: string expected';
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position')) {
          let error = $root.graphwiz.core.Vector3.verify(message.position, _depth + 1);
          if (error) return 'position.' + error;
        }
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation')) {
          let error = $root.graphwiz.core.Quaternion.verify(message.rotation, _depth + 1);
          if (error) return 'rotation.' + error;
        }
        if (message.components != null && $Object.hasOwnProperty.call(message, 'components')) {
          if (!$util.isObject(message.components)) return 'components: object expected';
          let key = $Object.keys(message.components);
          for (let i = 0; i < key.length; ++i)
            if (!$util.isString(message.components[key[i]]))
              return 'components: string{k:string} expected';
        }
        if (message.ownerId != null && $Object.hasOwnProperty.call(message, 'ownerId'))
          if (!$util.isString(message.ownerId)) return 'ownerId: string expected';
        if (
          message.updatedComponents != null &&
          $Object.hasOwnProperty.call(message, 'updatedComponents')
        ) {
          if (!$util.isObject(message.updatedComponents))
            return 'updatedComponents: object expected';
          let key = $Object.keys(message.updatedComponents);
          for (let i = 0; i < key.length; ++i)
            if (!(
              (message.updatedComponents[key[i]] &&
                typeof message.updatedComponents[key[i]].length === 'number') ||
              $util.isString(message.updatedComponents[key[i]])
            ))
              return 'updatedComponents: buffer{k:string} expected';
        }
        return null;
      };

      /**
       * Creates an EntitySnapshot message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.EntitySnapshot} EntitySnapshot
       */
      EntitySnapshot.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.EntitySnapshot) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.EntitySnapshot: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.EntitySnapshot();
        if (object.id != null)
          if (typeof object.id !== 'string' || object.id.length) message.id = $String(object.id);
        if (object.templateId != null)
          if (typeof object.templateId !== 'string' || object.templateId.length)
            message.templateId = $String(object.templateId);
        if (object.position != null) {
          if (!$util.isObject(object.position))
            throw $TypeError('.graphwiz.core.EntitySnapshot.position: object expected');
          message.position = $root.graphwiz.core.Vector3.fromObject(object.position, _depth + 1);
        }
        if (object.rotation != null) {
          if (!$util.isObject(object.rotation))
            throw $TypeError('.graphwiz.core.EntitySnapshot.rotation: object expected');
          message.rotation = $root.graphwiz.core.Quaternion.fromObject(object.rotation, _depth + 1);
        }
        if (object.components) {
          if (!$util.isObject(object.components))
            throw $TypeError('.graphwiz.core.EntitySnapshot.components: object expected');
          message.components = {};
          for (let keys = $Object.keys(object.components), i = 0; i < keys.length; ++i) {
            if (keys[i] === '__proto__') $util.makeProp(message.components, keys[i]);
            message.components[keys[i]] = $String(object.components[keys[i]]);
          }
        }
        if (object.ownerId != null)
          if (typeof object.ownerId !== 'string' || object.ownerId.length)
            message.ownerId = $String(object.ownerId);
        if (object.updatedComponents) {
          if (!$util.isObject(object.updatedComponents))
            throw $TypeError('.graphwiz.core.EntitySnapshot.updatedComponents: object expected');
          message.updatedComponents = {};
          for (let keys = $Object.keys(object.updatedComponents), i = 0; i < keys.length; ++i) {
            if (keys[i] === '__proto__') $util.makeProp(message.updatedComponents, keys[i]);
            if (typeof object.updatedComponents[keys[i]] === 'string')
              $util.base64.decode(
                object.updatedComponents[keys[i]],
                (message.updatedComponents[keys[i]] = $util.newBuffer(
                  $util.base64.length(object.updatedComponents[keys[i]]),
                )),
                0,
              );
            else if (object.updatedComponents[keys[i]].length >= 0)
              message.updatedComponents[keys[i]] = object.updatedComponents[keys[i]];
          }
        }
        return message;
      };

      /**
       * Creates a plain object from an EntitySnapshot message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.EntitySnapshot
       * @static
       * @param {graphwiz.core.EntitySnapshot} message EntitySnapshot
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      EntitySnapshot.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.objects || options.defaults) {
          object.components = {};
          object.updatedComponents = {};
        }
        if (options.defaults) {
          object.id = '';
          object.templateId = '';
          object.position = null;
          object.rotation = null;
          object.ownerId = '';
        }
        if (message.id != null && $Object.hasOwnProperty.call(message, 'id'))
          object.id = message.id;
        if (message.templateId != null && $Object.hasOwnProperty.call(message, 'templateId'))
          object.templateId = message.templateId;
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          object.position = $root.graphwiz.core.Vector3.toObject(
            message.position,
            options,
            _depth + 1,
          );
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          object.rotation = $root.graphwiz.core.Quaternion.toObject(
            message.rotation,
            options,
            _depth + 1,
          );
        let keys2;
        if (message.components && (keys2 = $Object.keys(message.components)).length) {
          object.components = {};
          for (let j = 0; j < keys2.length; ++j) {
            if (keys2[j] === '__proto__') $util.makeProp(object.components, keys2[j]);
            object.components[keys2[j]] = message.components[keys2[j]];
          }
        }
        if (message.ownerId != null && $Object.hasOwnProperty.call(message, 'ownerId'))
          object.ownerId = message.ownerId;
        if (message.updatedComponents && (keys2 = $Object.keys(message.updatedComponents)).length) {
          object.updatedComponents = {};
          for (let j = 0; j < keys2.length; ++j) {
            if (keys2[j] === '__proto__') $util.makeProp(object.updatedComponents, keys2[j]);
            object.updatedComponents[keys2[j]] =
              options.bytes === $String
                ? $util.base64.encode(
                    message.updatedComponents[keys2[j]],
                    0,
                    message.updatedComponents[keys2[j]].length,
                  )
                : options.bytes === $Array
                  ? $Array.prototype.slice.call(message.updatedComponents[keys2[j]])
                  : message.updatedComponents[keys2[j]];
          }
        }
        return object;
      };

      /**
       * Converts this EntitySnapshot to JSON.
       * @function toJSON
       * @memberof graphwiz.core.EntitySnapshot
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      EntitySnapshot.prototype.toJSON = function () {
        return EntitySnapshot.toObject(this, $protobuf.util.toJSONOptions);
      };

      return EntitySnapshot;
    })();

    core.PlayerSnapshot = (function () {
      /**
       * Properties of a PlayerSnapshot.
       * @typedef {Object} graphwiz.core.PlayerSnapshot.$Properties
       * @property {string|null} [clientId] PlayerSnapshot clientId
       * @property {string|null} [displayName] PlayerSnapshot displayName
       * @property {string|null} [avatarUrl] PlayerSnapshot avatarUrl
       * @property {graphwiz.core.Vector3.$Properties|null} [position] PlayerSnapshot position
       * @property {graphwiz.core.Quaternion.$Properties|null} [rotation] PlayerSnapshot rotation
       * @property {graphwiz.core.AvatarConfig.$Properties|null} [avatarConfig] PlayerSnapshot avatarConfig
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of a PlayerSnapshot.
       * @memberof graphwiz.core
       * @interface IPlayerSnapshot
       * @augments graphwiz.core.PlayerSnapshot.$Properties
       * @deprecated Use graphwiz.core.PlayerSnapshot.$Properties instead.
       */

      /**
       * Shape of a PlayerSnapshot.
       * @typedef {graphwiz.core.PlayerSnapshot.$Properties} graphwiz.core.PlayerSnapshot.$Shape
       */

      /**
       * Constructs a new PlayerSnapshot.
       * @memberof graphwiz.core
       * @classdesc Represents a PlayerSnapshot.
       * @constructor
       * @param {graphwiz.core.PlayerSnapshot.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const PlayerSnapshot = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * PlayerSnapshot clientId.
       * @member {string} clientId
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.clientId = '';

      /**
       * PlayerSnapshot displayName.
       * @member {string} displayName
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.displayName = '';

      /**
       * PlayerSnapshot avatarUrl.
       * @member {string} avatarUrl
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.avatarUrl = '';

      /**
       * PlayerSnapshot position.
       * @member {graphwiz.core.Vector3.$Properties|null|undefined} position
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.position = null;

      /**
       * PlayerSnapshot rotation.
       * @member {graphwiz.core.Quaternion.$Properties|null|undefined} rotation
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.rotation = null;

      /**
       * PlayerSnapshot avatarConfig.
       * @member {graphwiz.core.AvatarConfig.$Properties|null|undefined} avatarConfig
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       */
      PlayerSnapshot.prototype.avatarConfig = null;

      /**
       * Creates a new PlayerSnapshot instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {graphwiz.core.PlayerSnapshot.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.PlayerSnapshot} PlayerSnapshot instance
       * @type {{
       *   (properties: graphwiz.core.PlayerSnapshot.$Shape): graphwiz.core.PlayerSnapshot & graphwiz.core.PlayerSnapshot.$Shape;
       *   (properties?: graphwiz.core.PlayerSnapshot.$Properties): graphwiz.core.PlayerSnapshot;
       * }}
       */
      PlayerSnapshot.create = function (properties) {
        return new PlayerSnapshot(properties);
      };

      /**
       * Encodes the specified PlayerSnapshot message. Does not implicitly {@link graphwiz.core.PlayerSnapshot.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {graphwiz.core.PlayerSnapshot.$Properties} message PlayerSnapshot message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      PlayerSnapshot.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.clientId != null &&
          $Object.hasOwnProperty.call(message, 'clientId') &&
          message.clientId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.clientId);
        if (
          message.displayName != null &&
          $Object.hasOwnProperty.call(message, 'displayName') &&
          message.displayName !== ''
        )
          writer.uint32(/* id 2, wireType 2 =*/ 18).string(message.displayName);
        if (
          message.avatarUrl != null &&
          $Object.hasOwnProperty.call(message, 'avatarUrl') &&
          message.avatarUrl !== ''
        )
          writer.uint32(/* id 3, wireType 2 =*/ 26).string(message.avatarUrl);
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          $root.graphwiz.core.Vector3.encode(
            message.position,
            writer.uint32(/* id 4, wireType 2 =*/ 34).fork(),
            _depth + 1,
          ).ldelim();
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          $root.graphwiz.core.Quaternion.encode(
            message.rotation,
            writer.uint32(/* id 5, wireType 2 =*/ 42).fork(),
            _depth + 1,
          ).ldelim();
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig'))
          $root.graphwiz.core.AvatarConfig.encode(
            message.avatarConfig,
            writer.uint32(/* id 6, wireType 2 =*/ 50).fork(),
            _depth + 1,
          ).ldelim();
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes a PlayerSnapshot message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.PlayerSnapshot & graphwiz.core.PlayerSnapshot.$Shape} PlayerSnapshot
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      PlayerSnapshot.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.PlayerSnapshot();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.clientId = value;
              else delete message.clientId;
              continue;
            }
            case 2: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.displayName = value;
              else delete message.displayName;
              continue;
            }
            case 3: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.avatarUrl = value;
              else delete message.avatarUrl;
              continue;
            }
            case 4: {
              if (wireType !== 2) break;
              message.position = $root.graphwiz.core.Vector3.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.position,
              );
              continue;
            }
            case 5: {
              if (wireType !== 2) break;
              message.rotation = $root.graphwiz.core.Quaternion.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.rotation,
              );
              continue;
            }
            case 6: {
              if (wireType !== 2) break;
              message.avatarConfig = $root.graphwiz.core.AvatarConfig.decode(
                reader,
                reader.size(),
                $undefined,
                _depth + 1,
                message.avatarConfig,
              );
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies a PlayerSnapshot message.
       * @function verify
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      PlayerSnapshot.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          if (!$util.isString(message.clientId)) return 'clientId: string expected';
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          if (!$util.isString(message.displayName)) return 'displayName: string expected';
        if (message.avatarUrl != null && $Object.hasOwnProperty.call(message, 'avatarUrl'))
          if (!$util.isString(message.avatarUrl)) return 'avatarUrl: string expected';
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position')) {
          let error = $root.graphwiz.core.Vector3.verify(message.position, _depth + 1);
          if (error) return 'position.' + error;
        }
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation')) {
          let error = $root.graphwiz.core.Quaternion.verify(message.rotation, _depth + 1);
          if (error) return 'rotation.' + error;
        }
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig')) {
          let error = $root.graphwiz.core.AvatarConfig.verify(message.avatarConfig, _depth + 1);
          if (error) return 'avatarConfig.' + error;
        }
        return null;
      };

      /**
       * Creates a PlayerSnapshot message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.PlayerSnapshot} PlayerSnapshot
       */
      PlayerSnapshot.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.PlayerSnapshot) return object;
        if (!$util.isObject(object))
          throw $TypeError('.graphwiz.core.PlayerSnapshot: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.PlayerSnapshot();
        if (object.clientId != null)
          if (typeof object.clientId !== 'string' || object.clientId.length)
            message.clientId = $String(object.clientId);
        if (object.displayName != null)
          if (typeof object.displayName !== 'string' || object.displayName.length)
            message.displayName = $String(object.displayName);
        if (object.avatarUrl != null)
          if (typeof object.avatarUrl !== 'string' || object.avatarUrl.length)
            message.avatarUrl = $String(object.avatarUrl);
        if (object.position != null) {
          if (!$util.isObject(object.position))
            throw $TypeError('.graphwiz.core.PlayerSnapshot.position: object expected');
          message.position = $root.graphwiz.core.Vector3.fromObject(object.position, _depth + 1);
        }
        if (object.rotation != null) {
          if (!$util.isObject(object.rotation))
            throw $TypeError('.graphwiz.core.PlayerSnapshot.rotation: object expected');
          message.rotation = $root.graphwiz.core.Quaternion.fromObject(object.rotation, _depth + 1);
        }
        if (object.avatarConfig != null) {
          if (!$util.isObject(object.avatarConfig))
            throw $TypeError('.graphwiz.core.PlayerSnapshot.avatarConfig: object expected');
          message.avatarConfig = $root.graphwiz.core.AvatarConfig.fromObject(
            object.avatarConfig,
            _depth + 1,
          );
        }
        return message;
      };

      /**
       * Creates a plain object from a PlayerSnapshot message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.PlayerSnapshot
       * @static
       * @param {graphwiz.core.PlayerSnapshot} message PlayerSnapshot
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      PlayerSnapshot.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) {
          object.clientId = '';
          object.displayName = '';
          object.avatarUrl = '';
          object.position = null;
          object.rotation = null;
          object.avatarConfig = null;
        }
        if (message.clientId != null && $Object.hasOwnProperty.call(message, 'clientId'))
          object.clientId = message.clientId;
        if (message.displayName != null && $Object.hasOwnProperty.call(message, 'displayName'))
          object.displayName = message.displayName;
        if (message.avatarUrl != null && $Object.hasOwnProperty.call(message, 'avatarUrl'))
          object.avatarUrl = message.avatarUrl;
        if (message.position != null && $Object.hasOwnProperty.call(message, 'position'))
          object.position = $root.graphwiz.core.Vector3.toObject(
            message.position,
            options,
            _depth + 1,
          );
        if (message.rotation != null && $Object.hasOwnProperty.call(message, 'rotation'))
          object.rotation = $root.graphwiz.core.Quaternion.toObject(
            message.rotation,
            options,
            _depth + 1,
          );
        if (message.avatarConfig != null && $Object.hasOwnProperty.call(message, 'avatarConfig'))
          object.avatarConfig = $root.graphwiz.core.AvatarConfig.toObject(
            message.avatarConfig,
            options,
            _depth + 1,
          );
        return object;
      };

      /**
       * Converts this PlayerSnapshot to JSON.
       * @function toJSON
       * @memberof graphwiz.core.PlayerSnapshot
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      PlayerSnapshot.prototype.toJSON = function () {
        return PlayerSnapshot.toObject(this, $protobuf.util.toJSONOptions);
      };

      return PlayerSnapshot;
    })();

    core.Ack = (function () {
      /**
       * Properties of an Ack.
       * @typedef {Object} graphwiz.core.Ack.$Properties
       * @property {string|null} [messageId] Ack messageId
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */

      /**
       * Properties of an Ack.
       * @memberof graphwiz.core
       * @interface IAck
       * @augments graphwiz.core.Ack.$Properties
       * @deprecated Use graphwiz.core.Ack.$Properties instead.
       */

      /**
       * Shape of an Ack.
       * @typedef {graphwiz.core.Ack.$Properties} graphwiz.core.Ack.$Shape
       */

      /**
       * Constructs a new Ack.
       * @memberof graphwiz.core
       * @classdesc Represents an Ack.
       * @constructor
       * @param {graphwiz.core.Ack.$Properties=} [properties] Properties to set
       * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
       */
      const Ack = function (properties) {
        if (properties)
          for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
            if (properties[keys[i]] != null && keys[i] !== '__proto__')
              this[keys[i]] = properties[keys[i]];
      };

      /**
       * Ack messageId.
       * @member {string} messageId
       * @memberof graphwiz.core.Ack
       * @instance
       */
      Ack.prototype.messageId = '';

      /**
       * Creates a new Ack instance using the specified properties.
       * @function create
       * @memberof graphwiz.core.Ack
       * @static
       * @param {graphwiz.core.Ack.$Properties=} [properties] Properties to set
       * @returns {graphwiz.core.Ack} Ack instance
       * @type {{
       *   (properties: graphwiz.core.Ack.$Shape): graphwiz.core.Ack & graphwiz.core.Ack.$Shape;
       *   (properties?: graphwiz.core.Ack.$Properties): graphwiz.core.Ack;
       * }}
       */
      Ack.create = function (properties) {
        return new Ack(properties);
      };

      /**
       * Encodes the specified Ack message. Does not implicitly {@link graphwiz.core.Ack.verify|verify} messages.
       * @function encode
       * @memberof graphwiz.core.Ack
       * @static
       * @param {graphwiz.core.Ack.$Properties} message Ack message or plain object to encode
       * @param {$protobuf.Writer} [writer] Writer to encode to
       * @returns {$protobuf.Writer} Writer
       */
      Ack.encode = function (message, writer, _depth) {
        if (!writer) writer = $Writer.create();
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        if (
          message.messageId != null &&
          $Object.hasOwnProperty.call(message, 'messageId') &&
          message.messageId !== ''
        )
          writer.uint32(/* id 1, wireType 2 =*/ 10).string(message.messageId);
        if (message.$unknowns != null && $Object.hasOwnProperty.call(message, '$unknowns'))
          for (let i = 0; i < message.$unknowns.length; ++i) writer.raw(message.$unknowns[i]);
        return writer;
      };

      /**
       * Decodes an Ack message from the specified reader or buffer.
       * @function decode
       * @memberof graphwiz.core.Ack
       * @static
       * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
       * @param {number} [length] Message length if known beforehand
       * @returns {graphwiz.core.Ack & graphwiz.core.Ack.$Shape} Ack
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      Ack.decode = function (reader, length, _end, _depth, _target) {
        if (!(reader instanceof $Reader)) reader = $Reader.create(reader);
        if (_depth === $undefined) _depth = 0;
        if (_depth > $Reader.recursionLimit) throw $Error('max depth exceeded');
        let end, message, value;
        if (length === $undefined) end = reader.len;
        else {
          end = reader.pos + length;
          if (end > reader.len) throw $RangeError('index out of range');
          length = reader.len;
          reader.len = end;
        }
        message = _target || new $root.graphwiz.core.Ack();
        while (reader.pos < end) {
          let start = reader.pos;
          let tag = reader.tag();
          if (tag === _end) {
            _end = $undefined;
            break;
          }
          let wireType = tag & 7;
          switch ((tag >>>= 3)) {
            case 1: {
              if (wireType !== 2) break;
              if ((value = reader.stringVerify()).length) message.messageId = value;
              else delete message.messageId;
              continue;
            }
          }
          reader.skipType(wireType, _depth, tag);
          if (!reader.discardUnknown) {
            $util.makeProp(message, '$unknowns', false);
            (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
          }
        }
        if (length !== $undefined) {
          if (reader.pos !== end) throw $RangeError('index out of range');
          reader.len = length;
        }
        if (_end !== $undefined) throw $Error('missing end group');
        return message;
      };

      /**
       * Verifies an Ack message.
       * @function verify
       * @memberof graphwiz.core.Ack
       * @static
       * @param {Object.<string,*>} message Plain object to verify
       * @returns {string|null} `null` if valid, otherwise the reason why it is not
       */
      Ack.verify = function (message, _depth) {
        if (typeof message !== 'object' || message === null) return 'object expected';
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) return 'max depth exceeded';
        if (message.messageId != null && $Object.hasOwnProperty.call(message, 'messageId'))
          if (!$util.isString(message.messageId)) return 'messageId: string expected';
        return null;
      };

      /**
       * Creates an Ack message from a plain object. Also converts values to their respective internal types.
       * @function fromObject
       * @memberof graphwiz.core.Ack
       * @static
       * @param {Object.<string,*>} object Plain object
       * @returns {graphwiz.core.Ack} Ack
       */
      Ack.fromObject = function (object, _depth) {
        if (object instanceof $root.graphwiz.core.Ack) return object;
        if (!$util.isObject(object)) throw $TypeError('.graphwiz.core.Ack: object expected');
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let message = new $root.graphwiz.core.Ack();
        if (object.messageId != null)
          if (typeof object.messageId !== 'string' || object.messageId.length)
            message.messageId = $String(object.messageId);
        return message;
      };

      /**
       * Creates a plain object from an Ack message. Also converts values to other types if specified.
       * @function toObject
       * @memberof graphwiz.core.Ack
       * @static
       * @param {graphwiz.core.Ack} message Ack
       * @param {$protobuf.IConversionOptions} [options] Conversion options
       * @returns {Object.<string,*>} Plain object
       */
      Ack.toObject = function (message, options, _depth) {
        if (!options) options = {};
        if (_depth === $undefined) _depth = 0;
        if (_depth > $util.recursionLimit) throw $Error('max depth exceeded');
        let object = {};
        if (options.defaults) object.messageId = '';
        if (message.messageId != null && $Object.hasOwnProperty.call(message, 'messageId'))
          object.messageId = message.messageId;
        return object;
      };

      /**
       * Converts this Ack to JSON.
       * @function toJSON
       * @memberof graphwiz.core.Ack
       * @instance
       * @returns {Object.<string,*>} JSON object
       */
      Ack.prototype.toJSON = function () {
        return Ack.toObject(this, $protobuf.util.toJSONOptions);
      };

      return Ack;
    })();

    return core;
  })();

  return graphwiz;
})());

export { $root as default };
