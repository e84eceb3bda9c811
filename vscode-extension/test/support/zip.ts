/** Reads the entries of a zip archive (a .vsix is one) from its central directory. */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

export interface ZipEntry {
    name: string;
    /** The entry's bytes, uncompressed (stored or deflated entries). */
    read(): Buffer;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export function zipEntries(file: string): ZipEntry[] {
    const zip = fs.readFileSync(file);
    // the end record is 22 bytes plus a comment of at most 64 KiB
    let end = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
        if (zip.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
            end = i;
            break;
        }
    }
    if (end < 0) {
        throw new Error(`${file} is not a zip archive: no end of central directory`);
    }
    const count = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    const entries: ZipEntry[] = [];
    for (let n = 0; n < count; n++) {
        if (zip.readUInt32LE(at) !== CENTRAL_FILE_HEADER) {
            throw new Error(`${file}: central directory entry ${n} is damaged`);
        }
        const method = zip.readUInt16LE(at + 10);
        const compressedSize = zip.readUInt32LE(at + 20);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const local = zip.readUInt32LE(at + 42);
        const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
        entries.push({
            name,
            read() {
                if (zip.readUInt32LE(local) !== LOCAL_FILE_HEADER) {
                    throw new Error(`${file}: the local header of ${name} is damaged`);
                }
                const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
                const data = zip.subarray(start, start + compressedSize);
                if (method === 0) {
                    return Buffer.from(data);
                }
                if (method === 8) {
                    return zlib.inflateRawSync(data);
                }
                throw new Error(`${file}: ${name} is compressed with method ${method}`);
            },
        });
        at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
}
