#!/usr/bin/env bash
# The data contract from a client that is not Java: PythonClientIT starts Kafka's in-process broker and the
# denoiser (an image and a sequence pipeline), then python_client.py, beside this script, produces with
# Python's confluent-kafka (librdkafka, partitioner=murmur2_random) in every input format and checks every
# output as topics/FORMATS.md describes it, on the partition number of its input.
# Installs python3-confluent-kafka and python3-numpy with apt when missing, as .ci/run does for numpy.
set -euo pipefail
cd "$(dirname "$0")/../../.."
imports='import confluent_kafka, numpy'
if ! python3 -c "$imports" 2>/dev/null && ! /usr/bin/python3 -c "$imports" 2>/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-confluent-kafka python3-numpy >/dev/null
fi
# PythonClientIT takes $PYTHON, else python3 or, when that lacks them, Debian's own, where apt installs;
# it fails rather than skips under CI when neither can import them.
export CI="${CI:-true}"
mvn -B ${MAVEN_ARGS:-} verify -Dit.test=PythonClientIT -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false
