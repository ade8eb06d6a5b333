"""richards: an operating-system scheduler simulation in the style of Martin
Richards' benchmark -- an idle task, a worker, two handlers and two devices
passing packets through queues (classes with methods, attribute access,
linked lists, small ints)."""
import sys

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
TASK_COUNT = 6

KIND_DEVICE = 0
KIND_WORK = 1

BUFFER_SIZE = 4


class Packet:
    """A message moved between tasks; packets form singly linked queues."""

    def __init__(self, link, destination, kind):
        self.link = link
        self.destination = destination
        self.kind = kind
        self.count = 0
        self.buffer = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Puts this packet at the end of queue (None when empty); returns
        the queue's new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    """A task control block: a priority, an input queue of packets and
    three state bits.  Subclasses say what the task does when it runs."""

    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        # a task with packets starts waiting for them; one without is
        # suspended until a packet arrives (the idle task clears this)
        self.packet_pending = queue is not None
        self.waiting = True
        self.held = False
        self.next = scheduler.task_list
        scheduler.task_list = self
        scheduler.tasks[ident] = self

    def is_held_or_suspended(self):
        return self.held or (not self.packet_pending and self.waiting)

    def is_waiting_with_packet(self):
        return self.packet_pending and self.waiting and not self.held

    def take_packet(self):
        """Removes the first packet of the input queue for run()."""
        packet = self.queue
        self.queue = packet.link
        self.packet_pending = self.queue is not None
        return packet

    def receive(self, packet, sender):
        """A packet arrives: the receiver runs next if it is more urgent
        than the sender."""
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > sender.priority:
                return self
        else:
            self.queue = packet.append_to(self.queue)
        return sender

    def run(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, queue, count):
        super().__init__(scheduler, ident, priority, queue)
        self.waiting = False
        self.control = 1
        self.count = count

    def run(self, packet):
        sched = self.scheduler
        self.count -= 1
        if self.count == 0:
            return sched.hold_self()
        if self.control & 1 == 0:
            self.control >>= 1
            return sched.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return sched.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue)
        self.destination = HANDLER_A
        self.letter = 0

    def run(self, packet):
        sched = self.scheduler
        if packet is None:
            return sched.wait()
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.destination = self.destination
        packet.count = 0
        for i in range(BUFFER_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            packet.buffer[i] = self.letter
        return sched.queue_packet(packet)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue)
        self.work_queue = None
        self.device_queue = None

    def run(self, packet):
        sched = self.scheduler
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        work = self.work_queue
        if work is not None:
            if work.count < BUFFER_SIZE:
                device = self.device_queue
                if device is not None:
                    self.device_queue = device.link
                    device.count = work.buffer[work.count]
                    work.count += 1
                    return sched.queue_packet(device)
            else:
                self.work_queue = work.link
                return sched.queue_packet(work)
        return sched.wait()


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue)
        self.pending = None

    def run(self, packet):
        sched = self.scheduler
        if packet is None:
            packet = self.pending
            if packet is None:
                return sched.wait()
            self.pending = None
            return sched.queue_packet(packet)
        self.pending = packet
        return sched.hold_self()


class Scheduler:
    def __init__(self):
        self.task_list = None
        self.tasks = [None] * TASK_COUNT
        self.current = None
        self.queue_count = 0
        self.hold_count = 0
        self.trace = []

    def find(self, ident):
        task = self.tasks[ident]
        if task is None:
            raise LookupError("no task %d" % ident)
        return task

    def hold_self(self):
        self.hold_count += 1
        self.current.held = True
        return self.current.next

    def release(self, ident):
        task = self.find(ident)
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def wait(self):
        self.current.waiting = True
        return self.current

    def queue_packet(self, packet):
        task = self.find(packet.destination)
        self.queue_count += 1
        packet.link = None
        packet.destination = self.current.ident
        return task.receive(packet, self.current)

    def schedule(self):
        self.current = self.task_list
        while self.current is not None:
            task = self.current
            if task.is_held_or_suspended():
                self.current = task.next
                continue
            packet = None
            if task.is_waiting_with_packet():
                task.waiting = False
                packet = task.take_packet()
            if len(self.trace) < 40:
                self.trace.append(task.ident)
            self.current = task.run(packet)


def build(count):
    sched = Scheduler()
    IdleTask(sched, IDLE, 0, None, count)

    queue = Packet(None, WORKER, KIND_WORK)
    queue = Packet(queue, WORKER, KIND_WORK)
    WorkerTask(sched, WORKER, 1000, queue)

    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    HandlerTask(sched, HANDLER_A, 2000, queue)

    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    HandlerTask(sched, HANDLER_B, 3000, queue)

    DeviceTask(sched, DEVICE_A, 4000, None)
    DeviceTask(sched, DEVICE_B, 5000, None)
    return sched


def main(iterations, count):
    totals = (0, 0)
    for i in range(iterations):
        sched = build(count)
        sched.schedule()
        totals = (totals[0] + sched.queue_count, totals[1] + sched.hold_count)
    print("first runs:", "".join(str(t) for t in sched.trace))
    print(f"per iteration: queued={sched.queue_count} held={sched.hold_count}")
    print(f"total over {iterations}: queued={totals[0]} held={totals[1]}")


n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
main(n, 10000)
