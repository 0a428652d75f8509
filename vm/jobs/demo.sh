# Sourced by /init in the demo VM: the interval notifier at work.
echo "@@@ info" >&3
uname -r >&3
echo "@@@ end info" >&3
modprobe test_interval_mirror
section demo /bin/mirror-demo
rmmod test_interval_mirror
