// Sends `{ ping: 1 }` to a MongoDB-protocol server over one raw OP_MSG (node built-ins only, no driver)
// and exits 0 when it answers `ok: 1`. Usage: node ping.mjs HOST PORT [timeoutMs]
import { connect } from 'node:net'

const [host = '127.0.0.1', port = '27017', timeoutMs = '2000'] = process.argv.slice(2)

/** BSON document `{ ping: 1, $db: 'admin' }`. */
function pingDocument() {
  const int32 = (n) => {
    const b = Buffer.alloc(4)
    b.writeInt32LE(n)
    return b
  }
  const cstring = (s) => Buffer.from(`${s}\0`, 'utf8')
  const body = Buffer.concat([
    Buffer.from([0x10]), cstring('ping'), int32(1),
    Buffer.from([0x02]), cstring('$db'), int32(6), cstring('admin'),
    Buffer.from([0x00]),
  ])
  return Buffer.concat([int32(body.length + 4), body])
}

/** OP_MSG (opCode 2013): header, flagBits 0, one kind-0 section. */
function opMsg(doc) {
  const header = Buffer.alloc(16)
  header.writeInt32LE(16 + 4 + 1 + doc.length, 0)
  header.writeInt32LE(1, 4)
  header.writeInt32LE(0, 8)
  header.writeInt32LE(2013, 12)
  return Buffer.concat([header, Buffer.alloc(4), Buffer.from([0]), doc])
}

/** Reads `ok` (a double or an int32) from the reply's first document. */
function replyIsOk(reply) {
  const doc = reply.subarray(21)
  const double = doc.indexOf(Buffer.from('\x01ok\0', 'latin1'))
  if (double >= 0) return doc.readDoubleLE(double + 4) === 1
  const int32 = doc.indexOf(Buffer.from('\x10ok\0', 'latin1'))
  return int32 >= 0 && doc.readInt32LE(int32 + 4) === 1
}

const socket = connect({ host, port: Number(port) })
const chunks = []
const fail = (why) => {
  console.error(`ping ${host}:${port}: ${why}`)
  socket.destroy()
  process.exit(1)
}
socket.setTimeout(Number(timeoutMs), () => fail('timed out'))
socket.on('error', (error) => fail(error.message))
socket.on('connect', () => socket.write(opMsg(pingDocument())))
socket.on('data', (chunk) => {
  chunks.push(chunk)
  const reply = Buffer.concat(chunks)
  if (reply.length < 4 || reply.length < reply.readInt32LE(0)) return
  socket.destroy()
  if (reply.readInt32LE(12) !== 2013) fail(`unexpected opCode ${reply.readInt32LE(12)}`)
  if (!replyIsOk(reply)) fail('answered without ok: 1')
  process.exit(0)
})
