# Redis and RabbitMQ on loopback: start them if they are down, and wait until they answer.
wait_for_port() { # name port seconds
  local deadline=$(( $(date +%s) + $3 ))
  until (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then echo "$1 did not come up on port $2"; return 1; fi
    sleep 1
  done
  echo "$1 is up on 127.0.0.1:$2"
}
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "starting redis-server"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
fi
wait_for_port redis 6379 30
if ! (exec 3<>/dev/tcp/127.0.0.1/5672) 2>/dev/null; then
  echo "starting rabbitmq-server"
  rabbitmq-server -detached
fi
wait_for_port rabbitmq 5672 90
