// GENERATED from src/protocol/presence.proto by `npm run proto:generate`, which runs
// scripts/gen-presence-proto.ts: `pbjs --target=static-module --wrap=esm --dts --no-delimited --no-typeurl --no-service`,
// then Prettier. Do not edit: edit the .proto and regenerate (a test fails while they differ).
import * as $protobuf from 'protobufjs/minimal.js';
import Long = require('long');

/** Namespace graphwiz. */
export namespace graphwiz {
  /** Namespace core. */
  namespace core {
    /**
     * Properties of a Message.
     * @deprecated Use graphwiz.core.Message.$Properties instead.
     */
    interface IMessage extends graphwiz.core.Message.$Properties {}

    /** Represents a Message. */
    class Message {
      /**
       * Constructs a new Message.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.Message.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** Message messageId. */
      messageId: string;

      /** Message timestamp. */
      timestamp: number | Long;

      /** Message type. */
      type: graphwiz.core.MessageType;

      /** Message clientHello. */
      clientHello?: graphwiz.core.ClientHello.$Properties | null;

      /** Message serverHello. */
      serverHello?: graphwiz.core.ServerHello.$Properties | null;

      /** Message positionUpdate. */
      positionUpdate?: graphwiz.core.PositionUpdate.$Properties | null;

      /** Message voiceData. */
      voiceData?: graphwiz.core.VoiceData.$Properties | null;

      /** Message entitySpawn. */
      entitySpawn?: graphwiz.core.EntitySpawn.$Properties | null;

      /** Message entityUpdate. */
      entityUpdate?: graphwiz.core.EntityUpdate.$Properties | null;

      /** Message entityDespawn. */
      entityDespawn?: graphwiz.core.EntityDespawn.$Properties | null;

      /** Message chatMessage. */
      chatMessage?: graphwiz.core.ChatMessage.$Properties | null;

      /** Message presenceEvent. */
      presenceEvent?: graphwiz.core.PresenceEvent.$Properties | null;

      /** Message ack. */
      ack?: graphwiz.core.Ack.$Properties | null;

      /** Message payload. */
      payload?:
        | 'clientHello'
        | 'serverHello'
        | 'positionUpdate'
        | 'voiceData'
        | 'entitySpawn'
        | 'entityUpdate'
        | 'entityDespawn'
        | 'chatMessage'
        | 'presenceEvent'
        | 'ack';

      /**
       * Creates a new Message instance using the specified properties.
       * @param [properties] Properties to set
       * @returns Message instance
       */
      static create(
        properties: graphwiz.core.Message.$Shape,
      ): graphwiz.core.Message & graphwiz.core.Message.$Shape;
      static create(properties?: graphwiz.core.Message.$Properties): graphwiz.core.Message;

      /**
       * Encodes the specified Message message. Does not implicitly {@link graphwiz.core.Message.verify|verify} messages.
       * @param message Message message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.Message.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a Message message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.Message & graphwiz.core.Message.$Shape} Message
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.Message & graphwiz.core.Message.$Shape;

      /**
       * Verifies a Message message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a Message message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns Message
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.Message;

      /**
       * Creates a plain object from a Message message. Also converts values to other types if specified.
       * @param message Message
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.Message,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this Message to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace Message {
      /** Properties of a Message. */
      interface $Properties {
        /** Message messageId */
        messageId?: string | null;

        /** Message timestamp */
        timestamp?: number | Long | null;

        /** Message type */
        type?: graphwiz.core.MessageType | null;

        /** Message clientHello */
        clientHello?: graphwiz.core.ClientHello.$Properties | null;

        /** Message serverHello */
        serverHello?: graphwiz.core.ServerHello.$Properties | null;

        /** Message positionUpdate */
        positionUpdate?: graphwiz.core.PositionUpdate.$Properties | null;

        /** Message voiceData */
        voiceData?: graphwiz.core.VoiceData.$Properties | null;

        /** Message entitySpawn */
        entitySpawn?: graphwiz.core.EntitySpawn.$Properties | null;

        /** Message entityUpdate */
        entityUpdate?: graphwiz.core.EntityUpdate.$Properties | null;

        /** Message entityDespawn */
        entityDespawn?: graphwiz.core.EntityDespawn.$Properties | null;

        /** Message chatMessage */
        chatMessage?: graphwiz.core.ChatMessage.$Properties | null;

        /** Message presenceEvent */
        presenceEvent?: graphwiz.core.PresenceEvent.$Properties | null;

        /** Message ack */
        ack?: graphwiz.core.Ack.$Properties | null;

        /** Message payload */
        payload?:
          | 'clientHello'
          | 'serverHello'
          | 'positionUpdate'
          | 'voiceData'
          | 'entitySpawn'
          | 'entityUpdate'
          | 'entityDespawn'
          | 'chatMessage'
          | 'presenceEvent'
          | 'ack';

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Narrowed shape of a Message. */
      type $Shape = {
        messageId?: string | null;
        timestamp?: number | Long | null;
        type?: graphwiz.core.MessageType | null;
        clientHello?: graphwiz.core.ClientHello.$Shape | null;
        serverHello?: graphwiz.core.ServerHello.$Shape | null;
        positionUpdate?: graphwiz.core.PositionUpdate.$Shape | null;
        voiceData?: graphwiz.core.VoiceData.$Shape | null;
        entitySpawn?: graphwiz.core.EntitySpawn.$Shape | null;
        entityUpdate?: graphwiz.core.EntityUpdate.$Shape | null;
        entityDespawn?: graphwiz.core.EntityDespawn.$Shape | null;
        chatMessage?: graphwiz.core.ChatMessage.$Shape | null;
        presenceEvent?: graphwiz.core.PresenceEvent.$Shape | null;
        ack?: graphwiz.core.Ack.$Shape | null;
        $unknowns?: Uint8Array[];
      } & (
        | {
            payload?: undefined;
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'clientHello';
            clientHello: graphwiz.core.ClientHello.$Shape;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'serverHello';
            clientHello?: null;
            serverHello: graphwiz.core.ServerHello.$Shape;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'positionUpdate';
            clientHello?: null;
            serverHello?: null;
            positionUpdate: graphwiz.core.PositionUpdate.$Shape;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'voiceData';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData: graphwiz.core.VoiceData.$Shape;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'entitySpawn';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn: graphwiz.core.EntitySpawn.$Shape;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'entityUpdate';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate: graphwiz.core.EntityUpdate.$Shape;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'entityDespawn';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn: graphwiz.core.EntityDespawn.$Shape;
            chatMessage?: null;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'chatMessage';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage: graphwiz.core.ChatMessage.$Shape;
            presenceEvent?: null;
            ack?: null;
          }
        | {
            payload?: 'presenceEvent';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent: graphwiz.core.PresenceEvent.$Shape;
            ack?: null;
          }
        | {
            payload?: 'ack';
            clientHello?: null;
            serverHello?: null;
            positionUpdate?: null;
            voiceData?: null;
            entitySpawn?: null;
            entityUpdate?: null;
            entityDespawn?: null;
            chatMessage?: null;
            presenceEvent?: null;
            ack: graphwiz.core.Ack.$Shape;
          }
      );
    }

    /** MessageType enum. */
    enum MessageType {
      /** UNKNOWN value */
      UNKNOWN = 0,

      /** CLIENT_HELLO value */
      CLIENT_HELLO = 1,

      /** SERVER_HELLO value */
      SERVER_HELLO = 2,

      /** POSITION_UPDATE value */
      POSITION_UPDATE = 10,

      /** VOICE_DATA value */
      VOICE_DATA = 11,

      /** ENTITY_SPAWN value */
      ENTITY_SPAWN = 20,

      /** ENTITY_UPDATE value */
      ENTITY_UPDATE = 21,

      /** ENTITY_DESPAWN value */
      ENTITY_DESPAWN = 22,

      /** CHAT_MESSAGE value */
      CHAT_MESSAGE = 30,

      /** PRESENCE_JOIN value */
      PRESENCE_JOIN = 40,

      /** PRESENCE_LEAVE value */
      PRESENCE_LEAVE = 41,

      /** PRESENCE_UPDATE value */
      PRESENCE_UPDATE = 42,

      /** ACK value */
      ACK = 60,
    }

    /**
     * Properties of a Vector3.
     * @deprecated Use graphwiz.core.Vector3.$Properties instead.
     */
    interface IVector3 extends graphwiz.core.Vector3.$Properties {}

    /** Represents a Vector3. */
    class Vector3 {
      /**
       * Constructs a new Vector3.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.Vector3.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** Vector3 x. */
      x: number;

      /** Vector3 y. */
      y: number;

      /** Vector3 z. */
      z: number;

      /**
       * Creates a new Vector3 instance using the specified properties.
       * @param [properties] Properties to set
       * @returns Vector3 instance
       */
      static create(
        properties: graphwiz.core.Vector3.$Shape,
      ): graphwiz.core.Vector3 & graphwiz.core.Vector3.$Shape;
      static create(properties?: graphwiz.core.Vector3.$Properties): graphwiz.core.Vector3;

      /**
       * Encodes the specified Vector3 message. Does not implicitly {@link graphwiz.core.Vector3.verify|verify} messages.
       * @param message Vector3 message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.Vector3.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a Vector3 message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.Vector3 & graphwiz.core.Vector3.$Shape} Vector3
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.Vector3 & graphwiz.core.Vector3.$Shape;

      /**
       * Verifies a Vector3 message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a Vector3 message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns Vector3
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.Vector3;

      /**
       * Creates a plain object from a Vector3 message. Also converts values to other types if specified.
       * @param message Vector3
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.Vector3,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this Vector3 to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace Vector3 {
      /** Properties of a Vector3. */
      interface $Properties {
        /** Vector3 x */
        x?: number | null;

        /** Vector3 y */
        y?: number | null;

        /** Vector3 z */
        z?: number | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a Vector3. */
      type $Shape = graphwiz.core.Vector3.$Properties;
    }

    /**
     * Properties of a Quaternion.
     * @deprecated Use graphwiz.core.Quaternion.$Properties instead.
     */
    interface IQuaternion extends graphwiz.core.Quaternion.$Properties {}

    /** Represents a Quaternion. */
    class Quaternion {
      /**
       * Constructs a new Quaternion.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.Quaternion.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** Quaternion x. */
      x: number;

      /** Quaternion y. */
      y: number;

      /** Quaternion z. */
      z: number;

      /** Quaternion w. */
      w: number;

      /**
       * Creates a new Quaternion instance using the specified properties.
       * @param [properties] Properties to set
       * @returns Quaternion instance
       */
      static create(
        properties: graphwiz.core.Quaternion.$Shape,
      ): graphwiz.core.Quaternion & graphwiz.core.Quaternion.$Shape;
      static create(properties?: graphwiz.core.Quaternion.$Properties): graphwiz.core.Quaternion;

      /**
       * Encodes the specified Quaternion message. Does not implicitly {@link graphwiz.core.Quaternion.verify|verify} messages.
       * @param message Quaternion message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.Quaternion.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a Quaternion message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.Quaternion & graphwiz.core.Quaternion.$Shape} Quaternion
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.Quaternion & graphwiz.core.Quaternion.$Shape;

      /**
       * Verifies a Quaternion message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a Quaternion message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns Quaternion
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.Quaternion;

      /**
       * Creates a plain object from a Quaternion message. Also converts values to other types if specified.
       * @param message Quaternion
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.Quaternion,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this Quaternion to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace Quaternion {
      /** Properties of a Quaternion. */
      interface $Properties {
        /** Quaternion x */
        x?: number | null;

        /** Quaternion y */
        y?: number | null;

        /** Quaternion z */
        z?: number | null;

        /** Quaternion w */
        w?: number | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a Quaternion. */
      type $Shape = graphwiz.core.Quaternion.$Properties;
    }

    /**
     * Properties of a ClientHello.
     * @deprecated Use graphwiz.core.ClientHello.$Properties instead.
     */
    interface IClientHello extends graphwiz.core.ClientHello.$Properties {}

    /** Represents a ClientHello. */
    class ClientHello {
      /**
       * Constructs a new ClientHello.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.ClientHello.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** ClientHello clientId. */
      clientId: string;

      /** ClientHello displayName. */
      displayName: string;

      /** ClientHello authToken. */
      authToken: string;

      /** ClientHello requestedRoom. */
      requestedRoom: string;

      /**
       * Creates a new ClientHello instance using the specified properties.
       * @param [properties] Properties to set
       * @returns ClientHello instance
       */
      static create(
        properties: graphwiz.core.ClientHello.$Shape,
      ): graphwiz.core.ClientHello & graphwiz.core.ClientHello.$Shape;
      static create(properties?: graphwiz.core.ClientHello.$Properties): graphwiz.core.ClientHello;

      /**
       * Encodes the specified ClientHello message. Does not implicitly {@link graphwiz.core.ClientHello.verify|verify} messages.
       * @param message ClientHello message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.ClientHello.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a ClientHello message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.ClientHello & graphwiz.core.ClientHello.$Shape} ClientHello
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.ClientHello & graphwiz.core.ClientHello.$Shape;

      /**
       * Verifies a ClientHello message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a ClientHello message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns ClientHello
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.ClientHello;

      /**
       * Creates a plain object from a ClientHello message. Also converts values to other types if specified.
       * @param message ClientHello
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.ClientHello,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this ClientHello to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace ClientHello {
      /** Properties of a ClientHello. */
      interface $Properties {
        /** ClientHello clientId */
        clientId?: string | null;

        /** ClientHello displayName */
        displayName?: string | null;

        /** ClientHello authToken */
        authToken?: string | null;

        /** ClientHello requestedRoom */
        requestedRoom?: string | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a ClientHello. */
      type $Shape = graphwiz.core.ClientHello.$Properties;
    }

    /**
     * Properties of a ServerHello.
     * @deprecated Use graphwiz.core.ServerHello.$Properties instead.
     */
    interface IServerHello extends graphwiz.core.ServerHello.$Properties {}

    /** Represents a ServerHello. */
    class ServerHello {
      /**
       * Constructs a new ServerHello.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.ServerHello.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** ServerHello serverVersion. */
      serverVersion: string;

      /** ServerHello assignedClientId. */
      assignedClientId: string;

      /** ServerHello roomId. */
      roomId: string;

      /** ServerHello initialState. */
      initialState?: graphwiz.core.WorldState.$Properties | null;

      /**
       * Creates a new ServerHello instance using the specified properties.
       * @param [properties] Properties to set
       * @returns ServerHello instance
       */
      static create(
        properties: graphwiz.core.ServerHello.$Shape,
      ): graphwiz.core.ServerHello & graphwiz.core.ServerHello.$Shape;
      static create(properties?: graphwiz.core.ServerHello.$Properties): graphwiz.core.ServerHello;

      /**
       * Encodes the specified ServerHello message. Does not implicitly {@link graphwiz.core.ServerHello.verify|verify} messages.
       * @param message ServerHello message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.ServerHello.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a ServerHello message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.ServerHello & graphwiz.core.ServerHello.$Shape} ServerHello
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.ServerHello & graphwiz.core.ServerHello.$Shape;

      /**
       * Verifies a ServerHello message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a ServerHello message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns ServerHello
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.ServerHello;

      /**
       * Creates a plain object from a ServerHello message. Also converts values to other types if specified.
       * @param message ServerHello
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.ServerHello,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this ServerHello to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace ServerHello {
      /** Properties of a ServerHello. */
      interface $Properties {
        /** ServerHello serverVersion */
        serverVersion?: string | null;

        /** ServerHello assignedClientId */
        assignedClientId?: string | null;

        /** ServerHello roomId */
        roomId?: string | null;

        /** ServerHello initialState */
        initialState?: graphwiz.core.WorldState.$Properties | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a ServerHello. */
      type $Shape = graphwiz.core.ServerHello.$Properties;
    }

    /**
     * Properties of a PositionUpdate.
     * @deprecated Use graphwiz.core.PositionUpdate.$Properties instead.
     */
    interface IPositionUpdate extends graphwiz.core.PositionUpdate.$Properties {}

    /** Represents a PositionUpdate. */
    class PositionUpdate {
      /**
       * Constructs a new PositionUpdate.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.PositionUpdate.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** PositionUpdate entityId. */
      entityId: string;

      /** PositionUpdate position. */
      position?: graphwiz.core.Vector3.$Properties | null;

      /** PositionUpdate rotation. */
      rotation?: graphwiz.core.Quaternion.$Properties | null;

      /** PositionUpdate sequenceNumber. */
      sequenceNumber: number;

      /**
       * Creates a new PositionUpdate instance using the specified properties.
       * @param [properties] Properties to set
       * @returns PositionUpdate instance
       */
      static create(
        properties: graphwiz.core.PositionUpdate.$Shape,
      ): graphwiz.core.PositionUpdate & graphwiz.core.PositionUpdate.$Shape;
      static create(
        properties?: graphwiz.core.PositionUpdate.$Properties,
      ): graphwiz.core.PositionUpdate;

      /**
       * Encodes the specified PositionUpdate message. Does not implicitly {@link graphwiz.core.PositionUpdate.verify|verify} messages.
       * @param message PositionUpdate message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.PositionUpdate.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a PositionUpdate message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.PositionUpdate & graphwiz.core.PositionUpdate.$Shape} PositionUpdate
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.PositionUpdate & graphwiz.core.PositionUpdate.$Shape;

      /**
       * Verifies a PositionUpdate message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a PositionUpdate message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns PositionUpdate
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.PositionUpdate;

      /**
       * Creates a plain object from a PositionUpdate message. Also converts values to other types if specified.
       * @param message PositionUpdate
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.PositionUpdate,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this PositionUpdate to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace PositionUpdate {
      /** Properties of a PositionUpdate. */
      interface $Properties {
        /** PositionUpdate entityId */
        entityId?: string | null;

        /** PositionUpdate position */
        position?: graphwiz.core.Vector3.$Properties | null;

        /** PositionUpdate rotation */
        rotation?: graphwiz.core.Quaternion.$Properties | null;

        /** PositionUpdate sequenceNumber */
        sequenceNumber?: number | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a PositionUpdate. */
      type $Shape = graphwiz.core.PositionUpdate.$Properties;
    }

    /** VoiceCodec enum. */
    enum VoiceCodec {
      /** OPUS value */
      OPUS = 0,

      /** PCMU value */
      PCMU = 1,

      /** PCMA value */
      PCMA = 2,
    }

    /**
     * Properties of a VoiceData.
     * @deprecated Use graphwiz.core.VoiceData.$Properties instead.
     */
    interface IVoiceData extends graphwiz.core.VoiceData.$Properties {}

    /** Represents a VoiceData. */
    class VoiceData {
      /**
       * Constructs a new VoiceData.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.VoiceData.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** VoiceData fromClientId. */
      fromClientId: string;

      /** VoiceData audioData. */
      audioData: Uint8Array;

      /** VoiceData sequenceNumber. */
      sequenceNumber: number;

      /** VoiceData codec. */
      codec: graphwiz.core.VoiceCodec;

      /**
       * Creates a new VoiceData instance using the specified properties.
       * @param [properties] Properties to set
       * @returns VoiceData instance
       */
      static create(
        properties: graphwiz.core.VoiceData.$Shape,
      ): graphwiz.core.VoiceData & graphwiz.core.VoiceData.$Shape;
      static create(properties?: graphwiz.core.VoiceData.$Properties): graphwiz.core.VoiceData;

      /**
       * Encodes the specified VoiceData message. Does not implicitly {@link graphwiz.core.VoiceData.verify|verify} messages.
       * @param message VoiceData message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.VoiceData.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a VoiceData message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.VoiceData & graphwiz.core.VoiceData.$Shape} VoiceData
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.VoiceData & graphwiz.core.VoiceData.$Shape;

      /**
       * Verifies a VoiceData message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a VoiceData message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns VoiceData
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.VoiceData;

      /**
       * Creates a plain object from a VoiceData message. Also converts values to other types if specified.
       * @param message VoiceData
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.VoiceData,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this VoiceData to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace VoiceData {
      /** Properties of a VoiceData. */
      interface $Properties {
        /** VoiceData fromClientId */
        fromClientId?: string | null;

        /** VoiceData audioData */
        audioData?: Uint8Array | null;

        /** VoiceData sequenceNumber */
        sequenceNumber?: number | null;

        /** VoiceData codec */
        codec?: graphwiz.core.VoiceCodec | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a VoiceData. */
      type $Shape = graphwiz.core.VoiceData.$Properties;
    }

    /**
     * Properties of an EntitySpawn.
     * @deprecated Use graphwiz.core.EntitySpawn.$Properties instead.
     */
    interface IEntitySpawn extends graphwiz.core.EntitySpawn.$Properties {}

    /** Represents an EntitySpawn. */
    class EntitySpawn {
      /**
       * Constructs a new EntitySpawn.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.EntitySpawn.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** EntitySpawn entityId. */
      entityId: string;

      /** EntitySpawn templateId. */
      templateId: string;

      /** EntitySpawn ownerId. */
      ownerId: string;

      /** EntitySpawn components. */
      components: { [k: string]: string };

      /**
       * Creates a new EntitySpawn instance using the specified properties.
       * @param [properties] Properties to set
       * @returns EntitySpawn instance
       */
      static create(
        properties: graphwiz.core.EntitySpawn.$Shape,
      ): graphwiz.core.EntitySpawn & graphwiz.core.EntitySpawn.$Shape;
      static create(properties?: graphwiz.core.EntitySpawn.$Properties): graphwiz.core.EntitySpawn;

      /**
       * Encodes the specified EntitySpawn message. Does not implicitly {@link graphwiz.core.EntitySpawn.verify|verify} messages.
       * @param message EntitySpawn message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.EntitySpawn.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an EntitySpawn message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.EntitySpawn & graphwiz.core.EntitySpawn.$Shape} EntitySpawn
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.EntitySpawn & graphwiz.core.EntitySpawn.$Shape;

      /**
       * Verifies an EntitySpawn message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an EntitySpawn message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns EntitySpawn
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.EntitySpawn;

      /**
       * Creates a plain object from an EntitySpawn message. Also converts values to other types if specified.
       * @param message EntitySpawn
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.EntitySpawn,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this EntitySpawn to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace EntitySpawn {
      /** Properties of an EntitySpawn. */
      interface $Properties {
        /** EntitySpawn entityId */
        entityId?: string | null;

        /** EntitySpawn templateId */
        templateId?: string | null;

        /** EntitySpawn ownerId */
        ownerId?: string | null;

        /** EntitySpawn components */
        components?: { [k: string]: string } | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an EntitySpawn. */
      type $Shape = graphwiz.core.EntitySpawn.$Properties;
    }

    /**
     * Properties of an EntityUpdate.
     * @deprecated Use graphwiz.core.EntityUpdate.$Properties instead.
     */
    interface IEntityUpdate extends graphwiz.core.EntityUpdate.$Properties {}

    /** Represents an EntityUpdate. */
    class EntityUpdate {
      /**
       * Constructs a new EntityUpdate.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.EntityUpdate.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** EntityUpdate entityId. */
      entityId: string;

      /** EntityUpdate components. */
      components: { [k: string]: Uint8Array };

      /**
       * Creates a new EntityUpdate instance using the specified properties.
       * @param [properties] Properties to set
       * @returns EntityUpdate instance
       */
      static create(
        properties: graphwiz.core.EntityUpdate.$Shape,
      ): graphwiz.core.EntityUpdate & graphwiz.core.EntityUpdate.$Shape;
      static create(
        properties?: graphwiz.core.EntityUpdate.$Properties,
      ): graphwiz.core.EntityUpdate;

      /**
       * Encodes the specified EntityUpdate message. Does not implicitly {@link graphwiz.core.EntityUpdate.verify|verify} messages.
       * @param message EntityUpdate message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.EntityUpdate.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an EntityUpdate message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.EntityUpdate & graphwiz.core.EntityUpdate.$Shape} EntityUpdate
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.EntityUpdate & graphwiz.core.EntityUpdate.$Shape;

      /**
       * Verifies an EntityUpdate message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an EntityUpdate message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns EntityUpdate
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.EntityUpdate;

      /**
       * Creates a plain object from an EntityUpdate message. Also converts values to other types if specified.
       * @param message EntityUpdate
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.EntityUpdate,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this EntityUpdate to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace EntityUpdate {
      /** Properties of an EntityUpdate. */
      interface $Properties {
        /** EntityUpdate entityId */
        entityId?: string | null;

        /** EntityUpdate components */
        components?: { [k: string]: Uint8Array } | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an EntityUpdate. */
      type $Shape = graphwiz.core.EntityUpdate.$Properties;
    }

    /**
     * Properties of an EntityDespawn.
     * @deprecated Use graphwiz.core.EntityDespawn.$Properties instead.
     */
    interface IEntityDespawn extends graphwiz.core.EntityDespawn.$Properties {}

    /** Represents an EntityDespawn. */
    class EntityDespawn {
      /**
       * Constructs a new EntityDespawn.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.EntityDespawn.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** EntityDespawn entityId. */
      entityId: string;

      /**
       * Creates a new EntityDespawn instance using the specified properties.
       * @param [properties] Properties to set
       * @returns EntityDespawn instance
       */
      static create(
        properties: graphwiz.core.EntityDespawn.$Shape,
      ): graphwiz.core.EntityDespawn & graphwiz.core.EntityDespawn.$Shape;
      static create(
        properties?: graphwiz.core.EntityDespawn.$Properties,
      ): graphwiz.core.EntityDespawn;

      /**
       * Encodes the specified EntityDespawn message. Does not implicitly {@link graphwiz.core.EntityDespawn.verify|verify} messages.
       * @param message EntityDespawn message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.EntityDespawn.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an EntityDespawn message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.EntityDespawn & graphwiz.core.EntityDespawn.$Shape} EntityDespawn
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.EntityDespawn & graphwiz.core.EntityDespawn.$Shape;

      /**
       * Verifies an EntityDespawn message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an EntityDespawn message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns EntityDespawn
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.EntityDespawn;

      /**
       * Creates a plain object from an EntityDespawn message. Also converts values to other types if specified.
       * @param message EntityDespawn
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.EntityDespawn,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this EntityDespawn to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace EntityDespawn {
      /** Properties of an EntityDespawn. */
      interface $Properties {
        /** EntityDespawn entityId */
        entityId?: string | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an EntityDespawn. */
      type $Shape = graphwiz.core.EntityDespawn.$Properties;
    }

    /** ChatMessageType enum. */
    enum ChatMessageType {
      /** NORMAL value */
      NORMAL = 0,

      /** WHISPER value */
      WHISPER = 1,

      /** SHOUT value */
      SHOUT = 2,
    }

    /**
     * Properties of a ChatMessage.
     * @deprecated Use graphwiz.core.ChatMessage.$Properties instead.
     */
    interface IChatMessage extends graphwiz.core.ChatMessage.$Properties {}

    /** Represents a ChatMessage. */
    class ChatMessage {
      /**
       * Constructs a new ChatMessage.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.ChatMessage.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** ChatMessage fromClientId. */
      fromClientId: string;

      /** ChatMessage message. */
      message: string;

      /** ChatMessage timestamp. */
      timestamp: number | Long;

      /** ChatMessage type. */
      type: graphwiz.core.ChatMessageType;

      /**
       * Creates a new ChatMessage instance using the specified properties.
       * @param [properties] Properties to set
       * @returns ChatMessage instance
       */
      static create(
        properties: graphwiz.core.ChatMessage.$Shape,
      ): graphwiz.core.ChatMessage & graphwiz.core.ChatMessage.$Shape;
      static create(properties?: graphwiz.core.ChatMessage.$Properties): graphwiz.core.ChatMessage;

      /**
       * Encodes the specified ChatMessage message. Does not implicitly {@link graphwiz.core.ChatMessage.verify|verify} messages.
       * @param message ChatMessage message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.ChatMessage.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a ChatMessage message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.ChatMessage & graphwiz.core.ChatMessage.$Shape} ChatMessage
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.ChatMessage & graphwiz.core.ChatMessage.$Shape;

      /**
       * Verifies a ChatMessage message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a ChatMessage message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns ChatMessage
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.ChatMessage;

      /**
       * Creates a plain object from a ChatMessage message. Also converts values to other types if specified.
       * @param message ChatMessage
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.ChatMessage,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this ChatMessage to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace ChatMessage {
      /** Properties of a ChatMessage. */
      interface $Properties {
        /** ChatMessage fromClientId */
        fromClientId?: string | null;

        /** ChatMessage message */
        message?: string | null;

        /** ChatMessage timestamp */
        timestamp?: number | Long | null;

        /** ChatMessage type */
        type?: graphwiz.core.ChatMessageType | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a ChatMessage. */
      type $Shape = graphwiz.core.ChatMessage.$Properties;
    }

    /** PresenceEventType enum. */
    enum PresenceEventType {
      /** JOIN value */
      JOIN = 0,

      /** LEAVE value */
      LEAVE = 1,

      /** UPDATE value */
      UPDATE = 2,
    }

    /**
     * Properties of a PresenceEvent.
     * @deprecated Use graphwiz.core.PresenceEvent.$Properties instead.
     */
    interface IPresenceEvent extends graphwiz.core.PresenceEvent.$Properties {}

    /** Represents a PresenceEvent. */
    class PresenceEvent {
      /**
       * Constructs a new PresenceEvent.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.PresenceEvent.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** PresenceEvent clientId. */
      clientId: string;

      /** PresenceEvent eventType. */
      eventType: graphwiz.core.PresenceEventType;

      /** PresenceEvent data. */
      data?: graphwiz.core.PresenceData.$Properties | null;

      /**
       * Creates a new PresenceEvent instance using the specified properties.
       * @param [properties] Properties to set
       * @returns PresenceEvent instance
       */
      static create(
        properties: graphwiz.core.PresenceEvent.$Shape,
      ): graphwiz.core.PresenceEvent & graphwiz.core.PresenceEvent.$Shape;
      static create(
        properties?: graphwiz.core.PresenceEvent.$Properties,
      ): graphwiz.core.PresenceEvent;

      /**
       * Encodes the specified PresenceEvent message. Does not implicitly {@link graphwiz.core.PresenceEvent.verify|verify} messages.
       * @param message PresenceEvent message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.PresenceEvent.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a PresenceEvent message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.PresenceEvent & graphwiz.core.PresenceEvent.$Shape} PresenceEvent
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.PresenceEvent & graphwiz.core.PresenceEvent.$Shape;

      /**
       * Verifies a PresenceEvent message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a PresenceEvent message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns PresenceEvent
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.PresenceEvent;

      /**
       * Creates a plain object from a PresenceEvent message. Also converts values to other types if specified.
       * @param message PresenceEvent
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.PresenceEvent,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this PresenceEvent to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace PresenceEvent {
      /** Properties of a PresenceEvent. */
      interface $Properties {
        /** PresenceEvent clientId */
        clientId?: string | null;

        /** PresenceEvent eventType */
        eventType?: graphwiz.core.PresenceEventType | null;

        /** PresenceEvent data */
        data?: graphwiz.core.PresenceData.$Properties | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a PresenceEvent. */
      type $Shape = graphwiz.core.PresenceEvent.$Properties;
    }

    /**
     * Properties of an AvatarConfig.
     * @deprecated Use graphwiz.core.AvatarConfig.$Properties instead.
     */
    interface IAvatarConfig extends graphwiz.core.AvatarConfig.$Properties {}

    /** Represents an AvatarConfig. */
    class AvatarConfig {
      /**
       * Constructs a new AvatarConfig.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.AvatarConfig.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** AvatarConfig bodyType. */
      bodyType: string;

      /** AvatarConfig primaryColor. */
      primaryColor: string;

      /** AvatarConfig secondaryColor. */
      secondaryColor: string;

      /** AvatarConfig height. */
      height: number;

      /** AvatarConfig customModelUrl. */
      customModelUrl: string;

      /**
       * Creates a new AvatarConfig instance using the specified properties.
       * @param [properties] Properties to set
       * @returns AvatarConfig instance
       */
      static create(
        properties: graphwiz.core.AvatarConfig.$Shape,
      ): graphwiz.core.AvatarConfig & graphwiz.core.AvatarConfig.$Shape;
      static create(
        properties?: graphwiz.core.AvatarConfig.$Properties,
      ): graphwiz.core.AvatarConfig;

      /**
       * Encodes the specified AvatarConfig message. Does not implicitly {@link graphwiz.core.AvatarConfig.verify|verify} messages.
       * @param message AvatarConfig message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.AvatarConfig.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an AvatarConfig message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.AvatarConfig & graphwiz.core.AvatarConfig.$Shape} AvatarConfig
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.AvatarConfig & graphwiz.core.AvatarConfig.$Shape;

      /**
       * Verifies an AvatarConfig message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an AvatarConfig message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns AvatarConfig
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.AvatarConfig;

      /**
       * Creates a plain object from an AvatarConfig message. Also converts values to other types if specified.
       * @param message AvatarConfig
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.AvatarConfig,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this AvatarConfig to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace AvatarConfig {
      /** Properties of an AvatarConfig. */
      interface $Properties {
        /** AvatarConfig bodyType */
        bodyType?: string | null;

        /** AvatarConfig primaryColor */
        primaryColor?: string | null;

        /** AvatarConfig secondaryColor */
        secondaryColor?: string | null;

        /** AvatarConfig height */
        height?: number | null;

        /** AvatarConfig customModelUrl */
        customModelUrl?: string | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an AvatarConfig. */
      type $Shape = graphwiz.core.AvatarConfig.$Properties;
    }

    /**
     * Properties of a PresenceData.
     * @deprecated Use graphwiz.core.PresenceData.$Properties instead.
     */
    interface IPresenceData extends graphwiz.core.PresenceData.$Properties {}

    /** Represents a PresenceData. */
    class PresenceData {
      /**
       * Constructs a new PresenceData.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.PresenceData.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** PresenceData displayName. */
      displayName: string;

      /** PresenceData avatarUrl. */
      avatarUrl: string;

      /** PresenceData position. */
      position?: graphwiz.core.Vector3.$Properties | null;

      /** PresenceData rotation. */
      rotation?: graphwiz.core.Quaternion.$Properties | null;

      /** PresenceData avatarConfig. */
      avatarConfig?: graphwiz.core.AvatarConfig.$Properties | null;

      /** PresenceData hostClientId. */
      hostClientId: string;

      /**
       * Creates a new PresenceData instance using the specified properties.
       * @param [properties] Properties to set
       * @returns PresenceData instance
       */
      static create(
        properties: graphwiz.core.PresenceData.$Shape,
      ): graphwiz.core.PresenceData & graphwiz.core.PresenceData.$Shape;
      static create(
        properties?: graphwiz.core.PresenceData.$Properties,
      ): graphwiz.core.PresenceData;

      /**
       * Encodes the specified PresenceData message. Does not implicitly {@link graphwiz.core.PresenceData.verify|verify} messages.
       * @param message PresenceData message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.PresenceData.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a PresenceData message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.PresenceData & graphwiz.core.PresenceData.$Shape} PresenceData
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.PresenceData & graphwiz.core.PresenceData.$Shape;

      /**
       * Verifies a PresenceData message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a PresenceData message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns PresenceData
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.PresenceData;

      /**
       * Creates a plain object from a PresenceData message. Also converts values to other types if specified.
       * @param message PresenceData
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.PresenceData,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this PresenceData to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace PresenceData {
      /** Properties of a PresenceData. */
      interface $Properties {
        /** PresenceData displayName */
        displayName?: string | null;

        /** PresenceData avatarUrl */
        avatarUrl?: string | null;

        /** PresenceData position */
        position?: graphwiz.core.Vector3.$Properties | null;

        /** PresenceData rotation */
        rotation?: graphwiz.core.Quaternion.$Properties | null;

        /** PresenceData avatarConfig */
        avatarConfig?: graphwiz.core.AvatarConfig.$Properties | null;

        /** PresenceData hostClientId */
        hostClientId?: string | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a PresenceData. */
      type $Shape = graphwiz.core.PresenceData.$Properties;
    }

    /**
     * Properties of a WorldState.
     * @deprecated Use graphwiz.core.WorldState.$Properties instead.
     */
    interface IWorldState extends graphwiz.core.WorldState.$Properties {}

    /** Represents a WorldState. */
    class WorldState {
      /**
       * Constructs a new WorldState.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.WorldState.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** WorldState entities. */
      entities: graphwiz.core.EntitySnapshot.$Properties[];

      /** WorldState players. */
      players: graphwiz.core.PlayerSnapshot.$Properties[];

      /** WorldState lastUpdate. */
      lastUpdate: number | Long;

      /**
       * Creates a new WorldState instance using the specified properties.
       * @param [properties] Properties to set
       * @returns WorldState instance
       */
      static create(
        properties: graphwiz.core.WorldState.$Shape,
      ): graphwiz.core.WorldState & graphwiz.core.WorldState.$Shape;
      static create(properties?: graphwiz.core.WorldState.$Properties): graphwiz.core.WorldState;

      /**
       * Encodes the specified WorldState message. Does not implicitly {@link graphwiz.core.WorldState.verify|verify} messages.
       * @param message WorldState message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.WorldState.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a WorldState message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.WorldState & graphwiz.core.WorldState.$Shape} WorldState
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.WorldState & graphwiz.core.WorldState.$Shape;

      /**
       * Verifies a WorldState message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a WorldState message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns WorldState
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.WorldState;

      /**
       * Creates a plain object from a WorldState message. Also converts values to other types if specified.
       * @param message WorldState
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.WorldState,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this WorldState to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace WorldState {
      /** Properties of a WorldState. */
      interface $Properties {
        /** WorldState entities */
        entities?: graphwiz.core.EntitySnapshot.$Properties[] | null;

        /** WorldState players */
        players?: graphwiz.core.PlayerSnapshot.$Properties[] | null;

        /** WorldState lastUpdate */
        lastUpdate?: number | Long | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a WorldState. */
      type $Shape = graphwiz.core.WorldState.$Properties;
    }

    /**
     * Properties of an EntitySnapshot.
     * @deprecated Use graphwiz.core.EntitySnapshot.$Properties instead.
     */
    interface IEntitySnapshot extends graphwiz.core.EntitySnapshot.$Properties {}

    /** Represents an EntitySnapshot. */
    class EntitySnapshot {
      /**
       * Constructs a new EntitySnapshot.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.EntitySnapshot.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** EntitySnapshot id. */
      id: string;

      /** EntitySnapshot templateId. */
      templateId: string;

      /** EntitySnapshot position. */
      position?: graphwiz.core.Vector3.$Properties | null;

      /** EntitySnapshot rotation. */
      rotation?: graphwiz.core.Quaternion.$Properties | null;

      /** EntitySnapshot components. */
      components: { [k: string]: string };

      /** EntitySnapshot ownerId. */
      ownerId: string;

      /** EntitySnapshot updatedComponents. */
      updatedComponents: { [k: string]: Uint8Array };

      /**
       * Creates a new EntitySnapshot instance using the specified properties.
       * @param [properties] Properties to set
       * @returns EntitySnapshot instance
       */
      static create(
        properties: graphwiz.core.EntitySnapshot.$Shape,
      ): graphwiz.core.EntitySnapshot & graphwiz.core.EntitySnapshot.$Shape;
      static create(
        properties?: graphwiz.core.EntitySnapshot.$Properties,
      ): graphwiz.core.EntitySnapshot;

      /**
       * Encodes the specified EntitySnapshot message. Does not implicitly {@link graphwiz.core.EntitySnapshot.verify|verify} messages.
       * @param message EntitySnapshot message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.EntitySnapshot.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an EntitySnapshot message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.EntitySnapshot & graphwiz.core.EntitySnapshot.$Shape} EntitySnapshot
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.EntitySnapshot & graphwiz.core.EntitySnapshot.$Shape;

      /**
       * Verifies an EntitySnapshot message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an EntitySnapshot message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns EntitySnapshot
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.EntitySnapshot;

      /**
       * Creates a plain object from an EntitySnapshot message. Also converts values to other types if specified.
       * @param message EntitySnapshot
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.EntitySnapshot,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this EntitySnapshot to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace EntitySnapshot {
      /** Properties of an EntitySnapshot. */
      interface $Properties {
        /** EntitySnapshot id */
        id?: string | null;

        /** EntitySnapshot templateId */
        templateId?: string | null;

        /** EntitySnapshot position */
        position?: graphwiz.core.Vector3.$Properties | null;

        /** EntitySnapshot rotation */
        rotation?: graphwiz.core.Quaternion.$Properties | null;

        /** EntitySnapshot components */
        components?: { [k: string]: string } | null;

        /** EntitySnapshot ownerId */
        ownerId?: string | null;

        /** EntitySnapshot updatedComponents */
        updatedComponents?: { [k: string]: Uint8Array } | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an EntitySnapshot. */
      type $Shape = graphwiz.core.EntitySnapshot.$Properties;
    }

    /**
     * Properties of a PlayerSnapshot.
     * @deprecated Use graphwiz.core.PlayerSnapshot.$Properties instead.
     */
    interface IPlayerSnapshot extends graphwiz.core.PlayerSnapshot.$Properties {}

    /** Represents a PlayerSnapshot. */
    class PlayerSnapshot {
      /**
       * Constructs a new PlayerSnapshot.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.PlayerSnapshot.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** PlayerSnapshot clientId. */
      clientId: string;

      /** PlayerSnapshot displayName. */
      displayName: string;

      /** PlayerSnapshot avatarUrl. */
      avatarUrl: string;

      /** PlayerSnapshot position. */
      position?: graphwiz.core.Vector3.$Properties | null;

      /** PlayerSnapshot rotation. */
      rotation?: graphwiz.core.Quaternion.$Properties | null;

      /** PlayerSnapshot avatarConfig. */
      avatarConfig?: graphwiz.core.AvatarConfig.$Properties | null;

      /**
       * Creates a new PlayerSnapshot instance using the specified properties.
       * @param [properties] Properties to set
       * @returns PlayerSnapshot instance
       */
      static create(
        properties: graphwiz.core.PlayerSnapshot.$Shape,
      ): graphwiz.core.PlayerSnapshot & graphwiz.core.PlayerSnapshot.$Shape;
      static create(
        properties?: graphwiz.core.PlayerSnapshot.$Properties,
      ): graphwiz.core.PlayerSnapshot;

      /**
       * Encodes the specified PlayerSnapshot message. Does not implicitly {@link graphwiz.core.PlayerSnapshot.verify|verify} messages.
       * @param message PlayerSnapshot message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.PlayerSnapshot.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes a PlayerSnapshot message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.PlayerSnapshot & graphwiz.core.PlayerSnapshot.$Shape} PlayerSnapshot
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.PlayerSnapshot & graphwiz.core.PlayerSnapshot.$Shape;

      /**
       * Verifies a PlayerSnapshot message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates a PlayerSnapshot message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns PlayerSnapshot
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.PlayerSnapshot;

      /**
       * Creates a plain object from a PlayerSnapshot message. Also converts values to other types if specified.
       * @param message PlayerSnapshot
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.PlayerSnapshot,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this PlayerSnapshot to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace PlayerSnapshot {
      /** Properties of a PlayerSnapshot. */
      interface $Properties {
        /** PlayerSnapshot clientId */
        clientId?: string | null;

        /** PlayerSnapshot displayName */
        displayName?: string | null;

        /** PlayerSnapshot avatarUrl */
        avatarUrl?: string | null;

        /** PlayerSnapshot position */
        position?: graphwiz.core.Vector3.$Properties | null;

        /** PlayerSnapshot rotation */
        rotation?: graphwiz.core.Quaternion.$Properties | null;

        /** PlayerSnapshot avatarConfig */
        avatarConfig?: graphwiz.core.AvatarConfig.$Properties | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of a PlayerSnapshot. */
      type $Shape = graphwiz.core.PlayerSnapshot.$Properties;
    }

    /**
     * Properties of an Ack.
     * @deprecated Use graphwiz.core.Ack.$Properties instead.
     */
    interface IAck extends graphwiz.core.Ack.$Properties {}

    /** Represents an Ack. */
    class Ack {
      /**
       * Constructs a new Ack.
       * @param [properties] Properties to set
       */
      constructor(properties?: graphwiz.core.Ack.$Properties);

      /** Unknown fields preserved while decoding when enabled */
      $unknowns?: Uint8Array[];

      /** Ack messageId. */
      messageId: string;

      /**
       * Creates a new Ack instance using the specified properties.
       * @param [properties] Properties to set
       * @returns Ack instance
       */
      static create(
        properties: graphwiz.core.Ack.$Shape,
      ): graphwiz.core.Ack & graphwiz.core.Ack.$Shape;
      static create(properties?: graphwiz.core.Ack.$Properties): graphwiz.core.Ack;

      /**
       * Encodes the specified Ack message. Does not implicitly {@link graphwiz.core.Ack.verify|verify} messages.
       * @param message Ack message or plain object to encode
       * @param [writer] Writer to encode to
       * @returns Writer
       */
      static encode(
        message: graphwiz.core.Ack.$Properties,
        writer?: $protobuf.Writer,
      ): $protobuf.Writer;

      /**
       * Decodes an Ack message from the specified reader or buffer.
       * @param reader Reader or buffer to decode from
       * @param [length] Message length if known beforehand
       * @returns {graphwiz.core.Ack & graphwiz.core.Ack.$Shape} Ack
       * @throws {Error} If the payload is not a reader or valid buffer
       * @throws {$protobuf.util.ProtocolError} If required fields are missing
       */
      static decode(
        reader: $protobuf.Reader | Uint8Array,
        length?: number,
      ): graphwiz.core.Ack & graphwiz.core.Ack.$Shape;

      /**
       * Verifies an Ack message.
       * @param message Plain object to verify
       * @returns `null` if valid, otherwise the reason why it is not
       */
      static verify(message: { [k: string]: any }): string | null;

      /**
       * Creates an Ack message from a plain object. Also converts values to their respective internal types.
       * @param object Plain object
       * @returns Ack
       */
      static fromObject(object: { [k: string]: any }): graphwiz.core.Ack;

      /**
       * Creates a plain object from an Ack message. Also converts values to other types if specified.
       * @param message Ack
       * @param [options] Conversion options
       * @returns Plain object
       */
      static toObject(
        message: graphwiz.core.Ack,
        options?: $protobuf.IConversionOptions,
      ): { [k: string]: any };

      /**
       * Converts this Ack to JSON.
       * @returns JSON object
       */
      toJSON(): { [k: string]: any };
    }

    namespace Ack {
      /** Properties of an Ack. */
      interface $Properties {
        /** Ack messageId */
        messageId?: string | null;

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];
      }

      /** Shape of an Ack. */
      type $Shape = graphwiz.core.Ack.$Properties;
    }
  }
}
