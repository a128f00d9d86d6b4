"""A Python client of the denoiser, written from topics/FORMATS.md alone, against a running denoiser.

Produces with confluent-kafka (librdkafka) and partitioner=murmur2_random, in every input format an image
pipeline and a sequence pipeline take, then consumes the denoised and latent records, decodes them with
FORMATS.md's own decode() and checks their shapes, formats, byte orders, passed-on headers, and that each
landed on the partition number of its input. Exits non-zero on the first broken promise.

Usage: python_client.py BOOTSTRAP_SERVERS FORMATS_MD
"""
import json
import re
import struct
import sys
import time
import uuid
import zlib

import numpy as np
import confluent_kafka
from confluent_kafka import Consumer, Producer

IMAGES = ("denoiser.images.noisy", "denoiser.images.denoised", "denoiser.images.latent", 512)
SEQUENCES = ("denoiser.sequences.noisy", "denoiser.sequences.denoised", "denoiser.sequences.latent", 64)
RECORDS_PER_FORMAT = 12
TIMEOUT_S = 120


def formats_decode(formats_md):
    """FORMATS.md's python-decode example, as written there."""
    text = open(formats_md, encoding="utf-8").read()
    block = re.search(r"<!-- example: python-decode .*?-->\s*```python\n(.*?)```", text, re.S).group(1)
    scope = {}
    exec(block, scope)
    return scope["decode"]


def binary(array, code):
    """A binary tensor: dtype 1 uint8, 2 float32 big-endian, 3 float32 little-endian (numpy's native order)."""
    header = b"DNT1" + struct.pack(">BB", code, array.ndim) + struct.pack(f">{array.ndim}i", *array.shape)
    if code == 1:
        return header + (array * 255).round().astype(np.uint8).tobytes()
    return header + array.astype(">f4" if code == 2 else "<f4").tobytes()


def json_tensor(array):
    return json.dumps({"shape": list(array.shape), "data": array.ravel().tolist()}).encode()


def png(array):
    """An 8-bit grayscale PNG of a [H, W] array in [0, 1], with zlib alone (no image library needed to send one)."""
    pixels = (array * 255).round().astype(np.uint8)
    rows = b"".join(b"\x00" + row.tobytes() for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", pixels.shape[1], pixels.shape[0], 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def inputs(run):
    """(topic, key, value, content type or None, expected output kind, latent size) of every record to send."""
    rng = np.random.default_rng(7)
    image_formats = {
        "be": (lambda a: binary(a, 2), None, "binary-2"),
        "le": (lambda a: binary(a, 3), None, "binary-3"),
        "u8": (lambda a: binary(a, 1), None, "binary-1"),
        "json": (json_tensor, "application/json", "json"),
        "png": (png, "image/png", "png"),
    }
    sequence_formats = {key: image_formats[key] for key in ("be", "le", "json")}
    records = []
    for (topic, _, _, latent), formats in ((IMAGES, image_formats), (SEQUENCES, sequence_formats)):
        for name, (encode, content_type, kind) in formats.items():
            for i in range(RECORDS_PER_FORMAT):
                value = encode(rng.random((28, 28), dtype=np.float32))
                records.append((topic, f"{run}-{topic.split('.')[1]}-{name}-{i}", value, content_type, kind, latent))
    return records


def produce(bootstrap, records):
    """Sends every record with a traceparent header; returns each key's partition as the broker acknowledged it."""
    producer = Producer({"bootstrap.servers": bootstrap, "partitioner": "murmur2_random", "enable.idempotence": True})
    partitions, errors = {}, []

    def delivered(error, message):
        if error is not None:
            errors.append(error)
        else:
            partitions[message.key().decode()] = message.partition()

    for topic, key, value, content_type, _, _ in records:
        headers = [("traceparent", trace(key))] + ([("content-type", content_type.encode())] if content_type else [])
        producer.produce(topic, key=key.encode(), value=value, headers=headers, on_delivery=delivered)
    producer.flush(30)
    if errors or len(partitions) != len(records):
        raise SystemExit(f"produce failed: {errors[:3]}, {len(partitions)} of {len(records)} acknowledged")
    return partitions


def consume(bootstrap, topics, keys, expected):
    """The records of this run on topics, read committed, by (topic, key), until all expected are in."""
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": f"python-client-{uuid.uuid4()}",
                         "auto.offset.reset": "earliest", "isolation.level": "read_committed"})
    consumer.subscribe(list(topics))
    found, deadline = {}, time.time() + TIMEOUT_S
    while len(found) < expected and time.time() < deadline:
        message = consumer.poll(1.0)
        if message is None or message.error() is not None:
            continue
        key = message.key().decode()
        if key in keys:
            found[(message.topic(), key)] = message
    consumer.close()
    return found


def trace(key):
    return f"00-{zlib.crc32(key.encode()):032x}-{len(key):016x}-01".encode()


def kind_of(value, headers):
    if value[:4] == b"DNT1":
        return f"binary-{value[4]}"
    return "png" if headers.get("content-type") == b"image/png" else "json"


def check(record, denoised, latent, partition, decode):
    """The broken promises of one input's two outputs, as strings."""
    topic, key, _, _, kind, latent_size = record
    problems = []
    for name, message in (("denoised", denoised), ("latent", latent)):
        if message is None:
            return [f"{key}: no {name} record"]
        headers = dict(message.headers() or [])
        if message.partition() != partition:
            problems.append(f"{key}: {name} on partition {message.partition()}, input on {partition}")
        if headers.get("traceparent") != trace(key):
            problems.append(f"{key}: {name} lacks the input's traceparent")
    if kind_of(denoised.value(), dict(denoised.headers())) != kind:
        problems.append(f"{key}: denoised as {kind_of(denoised.value(), dict(denoised.headers()))}, sent as {kind}")
    if kind == "png":
        width, height = struct.unpack(">II", denoised.value()[16:24])
        shape = (height, width)
    else:
        shape = decode(denoised.value()).shape
    if tuple(shape) != (28, 28):
        problems.append(f"{key}: denoised shape {shape}")
    vector = decode(latent.value())
    if vector.shape != (latent_size,) or not np.isfinite(vector).all():
        problems.append(f"{key}: latent of shape {vector.shape}")
    if kind == "binary-3" and latent.value()[4] != 3:
        problems.append(f"{key}: latent of a little-endian input in dtype {latent.value()[4]}")
    return problems


def main(bootstrap, formats_md):
    print(f"Python {sys.version.split()[0]}, confluent-kafka {confluent_kafka.version()[0]}, "
          f"librdkafka {confluent_kafka.libversion()[0]}, numpy {np.__version__}")
    decode = formats_decode(formats_md)
    records = inputs(uuid.uuid4().hex[:8])
    partitions = produce(bootstrap, records)
    keys = {record[1] for record in records}
    outputs = consume(bootstrap, [t for p in (IMAGES, SEQUENCES) for t in p[1:3]], keys, 2 * len(records))
    problems, good = [], {}
    for record in records:
        topic, denoised_topic, latent_topic, _ = IMAGES if record[0] == IMAGES[0] else SEQUENCES
        found = check(record, outputs.get((denoised_topic, record[1])), outputs.get((latent_topic, record[1])),
                      partitions[record[1]], decode)
        problems += found
        good.setdefault((topic, record[4]), 0)
        good[(topic, record[4])] += 0 if found else 1
    print(f"sent {len(records)} records to partitions {sorted(set(partitions.values()))}, read {len(outputs)} outputs")
    for (topic, kind), count in sorted(good.items()):
        print(f"  {topic} {kind}: {count} of {RECORDS_PER_FORMAT} answered in kind, on the input's partition, "
              f"with its traceparent")
    for problem in problems[:20]:
        print("PROBLEM", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
