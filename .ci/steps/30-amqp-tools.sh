# Debian's amqp-tools (amqp-publish): the adapter-amqp test that proves the message contract is
# language-neutral publishes with it. Installed only when missing.
if ! command -v amqp-publish >/dev/null 2>&1; then
  echo "amqp-publish missing: installing amqp-tools"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq amqp-tools >/dev/null
fi
command -v amqp-publish >/dev/null 2>&1 || { echo "amqp-publish is still missing after installing amqp-tools"; exit 1; }
echo "amqp-tools: $(command -v amqp-publish)"
