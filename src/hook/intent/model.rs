//! Word weights for prompts the phrase tables cannot place: naive Bayes
//! log-odds of each feature (`intent::features`), learnt from the labelled
//! sets in `tests/data/intent/` that are marked for training; `intent`
//! looks them up. The features are one string and the weights plain
//! numbers, so that loading the program relocates none of them. Generated:
//! `SESSION_HOOK_TRAIN_INTENT=1 cargo test --test it intent_model` writes
//! it, and that test fails while this file is not what training gives.

// Learnt weights: some land near e or pi by chance.
#![allow(clippy::approx_constant)]

/// The log-odds of coming back to the work before any feature is seen.
pub(super) const PRIOR: f64 = 0.0096;
pub(super) const N: usize = 6361;

/// The features, sorted, each ended by a newline.
#[rustfmt::skip]
pub(super) const FEATURES: &str = "\
0
1
1 0
10
10 log
10 min
100
100mb
10k
10k ids
12
13
13 to
137
14
14 and
14 app
15
18
2
2 of
200
200 but
2024
2024 edition
204
204 status
2gb
3
3 bits
3 commits
3 of
3 support
3 times
30
30 days
30 seconds
300
300 line
30s
4 but
400
401
404
404 for
404 instead
404 status
404 when
409
409 or
413
413 for
418
42
422
429
429 from
5
5 backups
5 customers
5 minutes
5 seconds
50
500
500 on
500 when
500s
502
502 behind
503
5mb
5s
60
60 seconds
60s
6502
6502 emulator
7
7 days
768px
8
8 chars
8 digits
8-bit
800
800px
800px wide
8080
9
99
9am
<len 0>
<len 1>
<len 3>
<len 4>
<len 5>
a
a 204
a 429
a back
a backoff
a backslash
a bash
a bit
a brief
a bug
a call
a celery
a changelog
a checkbox
a checkpoint
a circular
a cli
a column
a comment
a continue
a crash
a crashed
a cron
a csv
a custom
a cv
a dark
a date
a default
a dependency
a dict
a div
a docker
a dockerfile
a done
a duplicate
a failed
a fastapi
a file
a finally
a flask
a float
a folder
a for
a foreach
a function
a generator
a github
a given
a go
a good
a goroutine
a gpg
a haiku
a healthcheck
a hydration
a javascript
a join
a jwt
a key
a left
a library
a linked
a list
a live
a loading
a local
a lock
a log
a long-running
a look
a loop
a lot
a makefile
a meeting
a merge
a migration
a monad
a monorepo
a multiplayer
a mutex
a nested
a new
a next
a node
a nullable
a package
a page
a pandas
a partial
a paused
a percentage
a ping
a plan
a pnpm
a previous
a pricing
a problem
a process
a progress
a python
a quick
a quoted
a random
a readme
a recap
a redirect
a refund
a regex
a remaining
a rest
a resume
a rounding
a running
a script
a semaphore
a semicolon
a seq
a server
a simple
a single
a slice
a slow
a small
a sql
a state
a status
a step
a string
a subquery
a suspended
a switch
a table
a task
a test
a thread
a ticket
a timeout
a todo
a try
a turborepo
a typescript
a unique
a unit
a user
a value
a vite
a way
a week
a where
a while
a year
a zero-downtime
a-z
abort
about
about a
about copying
about copylocks
about no-continue
about the
accept
accept drops
accepts
accessibility
accessible
accessible for
accident
accomplish
accomplish last
according
according to
accountid
accounts
achieve
achieve again
achieve here
acquired
across
across subdomains
across the
action
action that
actions
actions is
actions step
actions to
actions workflow
activating
activating in
active
actually
actually do
actually need
adc
add
add a
add an
add dark
add i18n
add input
add it
add logging
add pagination
add rate
add resume
add retries
add retry
add structured
add type
adder
adding
addition
adds
adds a
adds an
afk
after
after 5
after 60s
after an
after await
after deploy
after destructuring
after downtime
after i
after it
after login
after lunch
after n
after read
after removing
after setstate
after take
after that
after this
afternoon
again
again after
again and
again button
again for
again from
again here
again if
again on
again with
against
against staging
agenda
agenda for
agenda today
agreed
ahead
ahead with
aight
airbnb
airbnb config
alb
alembic
algorithm
align
align the
alive
alive with
all
all files
all good
all jpg
all npm
all tests
all the
all todo
allow
allowed
allowed inside
allsettled
along
along are
already
already committed
alright
alright let
alright next
also
always
am
am 5
am a
am again
am back
am coming
am five
am free
am getting
am here
am i
am new
am ready
am return
am returning
amounts
an
an array
an empty
an enum
an error
an hour
an index
an int
an interrupted
anacron
analyze
analyze output
analyze shows
and
and a
and add
and again
and apply
and caffeinated
and carry
and clean
and cons
and const
and continue
and delete
and do
and does
and explain
and extract
and fix
and fixme
and give
and hangs
and how
and i
and install
and last
and let
and line
and lint
and list
and localstorage
and log
and merge
and move
and now
and pass
and postgres
and prettier
and rc
and recreate
and rename
and resume
and return
and returns
and right
and show
and tell
and then
and upwards
and var
and version
and wait
and what
and when
and where
and why
and write
and yearly
android
android 14
android app
animate
animation
any difference
any idea
any ideas
any progress
any tips
any update
anyhow
anything
anything else
anything left
anything outstanding
anyway
api
api client
api for
api from
api is
api key
api response
api return
api returns
app
app closes
app crashes
app goes
app in
app instead
app needs
app removes
app router
app shows
app with
applied
apply
apply to
approved
apt
apt update
apt-get
arc
arc and
archived
archived for
are
are and
are at
are back
are being
are doing
are in
are left
are more
are not
are now
are remaining
are skipped
are still
are the
are things
are we
are with
argon2
argparse
args
args after
arm64
around
array
array after
array is
arrow
arrow in
arrow key
art
art for
arvo
as a
as before
as done
as json
as mutable
as planned
as strings
as yesterday
as you
asking for
asleep
async
async await
async test
at
at 0
at 9
at 99
at 9am
at column
at hand
at is
at it
at my
at runtime
at the
at to
at with
atomically
attached
attempts
audio
audio player
audiocontext
auth bug
auth refactor
auth stuff
automatically
available
avoid
await
away
away a
away at
away for
aws
axios
aye
baby
back
back after
back again
back and
back arrow
back at
back baby
back button
back end
back for
back from
back in
back into
back let
back link
back navigation
back now
back on
back one
back online
back pressure
back the
back to
back up
back-end
back-pressure
back-propagation
backend
backend returns
backfill
backfill the
backfills
backfills the
background
background job
backoff
backoff to
backoff with
backs
backs up
backslash
backup
backups
backups and
backwards
bad
bad practice
bad rows
badge
badge in
bak
balance
balance is
balancer
ball
ball rolling
banner
bar
bar at
bar for
bar go
bar in
bar is
bar prints
bar to
bar update
bars
bash
bash one-liner
bash script
batch
batches
be
be an
be broadcast
be disabled
be done
because
because of
becomes
bed
been
been a
been away
been done
before
before clicking
before i
before lunch
before migrating
before running
before the
before we
behave
behave weird
behaviour
behind
behind nginx
behind the
being
below
best
best place
best way
better
between
between a
between and
between arc
between break
between let
between next
between tests
big
big integer
big o
big-o
big-o of
bigger
bigger than
bigint
bigint add
bigint addition
billing
billing module
billing page
binary
binary search
binary tree
bisect
bit
bit of
bit please
blank
block
blog
blog post
blows
blue
blueprints
blurry
blurry on
board
body
body is
books
borrow
borrow as
borrow checker
borrow self
both
bottom
bottom of
box
brain
brain is
branch is
branches
brb
brb done
break and
break in
break with
breaking
breaking changes
breaks
breaks the
brief
brilliant
bring
bring me
broadcast
broadcast together
broke
broke the
broken
broken on
browser
browser back
buffer
buffer after
bug
bug in
build
build a
build fails
build is
build takes
builder
builder app
builder page
builds
bulk
bulk update
bump
bump the
business
business day
but
but i
but keep
but not
but pass
but status
but the
but where
button
button blue
button breaks
button disabled
button does
button in
button is
button on
button overlaps
button should
button stays
button to
buttons
buttons for
by
by 3
by a
by accident
by default
by file
by last
by line
by me
by nginx
by one
by revenue
by step
by the
by value
byte
bytes
bytes are
bytes than
c
c project
c with
cache
cache in
cache layer
caches
caches pip
caching
caching layer
caching work
caffeinated
calc
calculate
calculate remaining
calculation
call next
callback
callback code
callback fires
callback hell
callback in
callback is
callback never
callback vs
called
called from
called twice
calling
calling next
calling the
calls
came
came back
camelcase
camelcase instead
camera
can continue
can i
can keep
can not
can ship
can tag
can we
cancel
cancel a
cancelled
candidates
cap
card
cards
cargo
cargo build
carousel
carousel go
carousel is
carousel skips
carry
carry flag
carry on
carry out
carry over
carry propagation
carry the
cart
cart page
case
catch me
catch the
catch up
caution
celery
celery task
celery tasks
cent
center
center a
center it
change
change stream
changed
changed in
changelog
changelog entry
changes
changes from
changes in
changes to
channel
channel is
characters
characters under
charges
chars
chart
check
check if
check is
check the
check whether
checkbox
checkbox is
checkbox state
checker
checker complaining
checker error
checklist
checkout
checkout page
checkpoint
checkpoint in
checks
checks the
checksum
checksum matches
cheers
cherry-pick
child
child component
chipping
chipping away
chmod
chrome
chunk
ci
ci and
ci but
ci is
ci pipeline
ci runner
ci status
ci step
circular
circular progress
class
class component
classes
claude
clause
clause is
clause that
clause with
clean
clean targets
cleanly
cleanup
cleanup from
cli
cli command
cli that
click
clicked
clicking
clicks
client
clippy
close are
close the
closed
closed the
closes
closes the
closures
closures in
cloudwatch
cmd
code
code 137
code for
code is
code to
codebase
codes
coffee
coffee acquired
coffee in
collapse
collapse on
collapses
collapses on
collect
collect the
collection
colon
colon in
colours
column
column for
column in
column should
column to
columns
come back
come from
comes after
comes back
comes next
coming
coming along
coming back
command
command in
command to
comment
comment where
comments
comments and
comments in
commit
commit but
commit message
commit without
commits
committed
compile
compile go
compiler
compiler says
complain
complaining
complaining about
complains
complains about
complexity
complexity of
component
component accessible
component does
component in
component skips
component to
compose
compose file
compose up
comprehension
compute
compute remaining
compute the
condition
config
config file
config loaded
configs
configured
configured in
conflict
conflicts
connection
connection drops
connections
cons
considered
considered bad
const
const and
constraint
constraint on
consumer
consumer can
consumer just
consumer lag
consumer stuff
container
container running
containers
content
context
context is
continuation
continue
continue a
continue after
continue allowed
continue and
continue button
continue do
continue fails
continue from
continue implementing
continue in
continue inside
continue it
continue keeps
continue keyword
continue not
continue now
continue our
continue please
continue says
continue statement
continue statements
continue the
continue to
continue training
continue vs
continue what
continue where
continue with
continue working
continue yesterday's
continue-on-error
continue-on-error in
continues
continues an
continuing
continuing from
continuous
controller
controller or
convert
convert a
convert the
convert this
cookie
cookie across
cookies
cooking
cool
cool cool
cool that
copy
copying
copying a
copylocks
core
coroutine
coroutine in
corporate
corporate proxy
correctly
cors
cors error
cors errors
cost
could have
could not
could we
count
count lines
countdown
counter
counter goes
counter never
counter under
country
crack
crack on
cracking
cracking again
crash
crashed
crashes
crashes on
crashing
crashloopbackoff
crate
create
create a
created
created at
creating
cron
cron does
cron expression
cron job
cross compile
css
css variables
csv and
csv export
csv exporter
csv importer
curl
current
current state
current status
current step
cursor
cursor field
cursor in
custom
custom hook
customer
customer id
customers
customers by
cut
cut here
cuts
cuts off
cv
d
d 3
d 4
daily
dark
dark mode
dashboard
dashboard work
data
data by
data for
database
database before
database schema
dataframe
date
date in
date parser
date picker
date shows
date-fns
dates
dates as
datetime
day
day in
day new
days
days in
days left
days of
days until
db
db to
dd
dead
dear
debounce
debounce the
debug
debugger
debugger and
decided
decided yesterday
deck
decorator
default
default locale
default of
defaultdict
defined
definition
definition does
delay
delete
delete button
delete older
delete the
deleted
deleted rows
denied
denied when
dentist
dependency
dependency i
dependency injection
deploy
deployment
deployment rollout
deprecate
deprecated
deps
deps to
deque
desc
descending
desk
desktop
destroy
destroy and
destroy my
destroy the
destructuring
destructuring the
detection
detour
dev
df
diagram
dialog
dict
dict by
dicts
dicts by
did
did and
did i
did it
did this
did we
did yesterday
did you
died
diff
difference
difference between
different
digit
digits
dinkum
dinner
dir
directory
directory in
disable
disable it
disabled
disabled after
disabled even
disabled until
disappearing
disconnects
disconnects every
disk
disk space
dismiss
dismiss it
dispatch
distracted
distracted by
div
div vertically
dive
dive back
django
dkim
do
do after
do anything
do for
do i
do in
do inside
do it
do last
do next
do now
do on
do the
do things
do we
docker
docker build
docker compose
docker container
docker image
docker setup
dockerfile
dockerfile for
docs for
docs rewrite
docstring
docstring for
docstrings
docstrings for
document
document ready
docx
docx files
does
does adc
does continue
does django
does git
does it
does middleware
does my
does next
does not
does nothing
does npm
does pip
does python
does quoted
does the
does this
does yield
doing
doing a
doing again
doing before
doing great
doing lol
doing next
doing on
doing the
doing today
doing with
dom
domcontentloaded
done and
done callback
done channel
done column
done flag
done in
done is
done last
done on
done so
done when
done with
done yesterday
done yet
down
download
download progress
download using
download with
downloader
downloads
downtime
dr
dr of
draft
draft a
drained
draw
drifts
drill
drill as
drop
drop the
dropdown
drops
dt
dump
dungeon
duplicate
duplicate email
duplicate rows
duplicates
during
dynamodb
e
e makes
each
each file
earlier
earlier today
early
early returns
echo
edition
editor
editor window
efficient
element
element from
element in
element of
element when
else
else is
else left
else on
email
email templates
emails
empty
empty in
empty input
emulator
enable
end returns
ended
endpoint
endpoint for
endpoint healthz
endpoint returns
endpoint should
endpoint that
endpoint to
endpoints
ends
enemies
engine
english
enhancement
enough
entry
entry for
enum
enum needs
enum to
env
env file
env var
env vars
environment
environment variables
epoch
epoch 12
equivalent
equivalent of
eresolve
err
error
error handling
error in
error message
error messages
error on
error quoted
errors
errors in
eslint
eslint and
eslint complains
eslint prettier
eslint rule
eslint with
estimate
estimate for
estimate in
etl
etl job
even
even after
even if
even though
even when
even with
evening
event
event fires
event is
event loop
event never
event on
events
events on
ever
every
every 30s
every 5
every 60
every keystroke
every night
every pr
every push
every render
every update
every weekday
everything at
everything in
everything we
everywhere
everywhere in
exactly
example
except
except and
exception
exception in
exe
execute
execute the
exhausted
exist
existing
existing rows
exists
exit
exit cleanly
exit code
exiting
exits
expected
expects
expired
expires
expiry
explain
explain analyze
explain closures
explain how
explain me
explain the
explain this
explain what
explain why
explodes
exponential
exponential backoff
export feature
export job
exporter
express
express app
express middleware
expression
expression for
extension
extract
fail
failed
failed scp
failed tests
failing
failing on
failing test
fails
fails but
fails for
fails on
fails only
fails to
fails with
failure
fair
fair dinkum
fake
fallback
fallback font
false
far
far along
far and
far did
fastapi
fastapi app
faster
feature
feature for
fell behind
fetch
fetch in
fetched
fetchuser
fetchuser everywhere
few days
fewer
fewer bytes
fibonacci
field
field in
field is
field to
fields
file
file and
file copy
file exists
file fails
file for
file in
file is
file line
file upload
file watcher
file with
filename
filename when
files
files and
files bigger
files i
files in
files over
files to
fill
fill me
filter
filtering
filtering nulls
filters
filters out
finally
finally block
finally free
find
find all
find files
find it
find the
find where
find which
finds
fine
fine by
finish
finish and
finish event
finish it
finish line
finish off
finish reason
finish the
finish this
finish time
finish up
finish what
finish yesterday
finished
finished my
finished or
finished the
finishes
finishing
fire away
fire for
firefox
fires
fires before
fires in
fires only
fires twice
firing
first
first and
first colon
first failure
first item
first thing
first today
five
fix
fix it
fix the
fixes
fixme
flag
flag in
flag is
flag to
flaky
flaky test
flaky tests
flask
flask app
flexbox
flickers
flickers on
float
flutter
folder
folder structure
folder to
follow
follow the
following
font
font is
fonts
foo
footer
for
for 10
for 30
for a
for all
for arm64
for date-fns
for delay
for disappearing
for each
for every
for existing
for file
for files
for finish
for it
for late
for login
for loop
for moving
for my
for nested
for now
for old
for one
for order
for our
for python
for rate
for round
for screen
for security
for small
for splitting
for staging
for that
for the
for today
for todo
for top
for two
for uk
for us
for validation
for waiting
for windows
forbid
forbid todo
foreach
foreign
foreign key
forever
forever if
forever in
forever when
forget to
forgot
forgot what
fork
form
form is
form state
form work
format
formats
forward the
found
frame
free
free now
free pro
free the
freeing
freeing the
french
friday
friday's
friday's session
fried
friend
friendly
from
from 13
from a
from an
from backup
from before
from class
from earlier
from friday
from friday's
from here
from holiday
from holidays
from last
from localhost
from lunch
from meeting
from my
from mysql
from our
from pending
from shipped
from standup
from step
from there
from these
from this
from tuesday
from tuesday's
from vacation
from where
from yesterday
from yesterday's
front-end
frontend
full
full steam
function
function and
function called
function in
function into
function pure
function return
function that
function to
function with
functions
functions in
functools
g'day
game
game jam
game plan
garbage
gateway
gcs
gdb
generate
generate a
generate an
generate some
generate the
generated
generator
generator that
german
gesture
get
get a
get back
get cracking
get done
get going
get me
get on
get set
get skipped
get stuck
get the
get this
get through
get to
get up
get with
gets
gets a
gets called
gets stuck
getserversideprops
getting
getting on
getuser
getuser to
git
git add
git branch
git cherry-pick
git commit
git pull
git push
git rebase
git reset
git stash
git status
github
github action
github actions
github issue
github issues
github workflow
gitignore
gitignore for
give
give me
give up
given
gives
global
global packages
global state
go again
go ahead
go back
go equivalent
go for
go from
go function
go instead
go mod
go on
go over
go routine
go test
go through
go to
go vet
go with
go-to-top
go-to-top button
goal
goal again
goal and
goal here
goal of
goal was
goes
goes back
goes from
goes negative
goes to
going
going after
going again
going back
going even
going forever
going now
going on
going or
going to
going until
going with
golang
good
good afternoon
good day
good evening
good morning
good name
good plan
good to
good way
goroutine
goroutine leak
goroutine leaks
goroutines
goroutines leak
got
got 20
got back
got cut
got distracted
got in
got interrupted
got pulled
got to
gpg
gpg key
grab
grab the
grading
grand
grand so
graphql
graphql for
great
green
green but
green when
grep
grep all
grid
grind
group
group by
groupby
growing
grows
gson
gym
had
had a
had my
had to
had we
haiku
haiku about
halfway
halfway through
hand
handle
handle errors
handle it
handle the
handler
handling
handling in
hang
hangs
hangs after
hangs forever
hangs on
happen
happens
happens if
happens in
happens to
happy
happy monday
hardcoding
hardcoding it
has
has a
has the
hash
hash passwords
have
have a
have already
have been
have had
have reached
have returned
have some
have to
have we
header
header is
header sticky
headers
health
health endpoint
healthcheck
healthcheck to
healthz
heap
heap keeps
heap snapshot
heaps
hell
hello
hello again
helm
helm chart
help
help me
helper
helpers
here again
here's
here's the
hey
hey claude
hey hey
hey i
hey it
hey there
heya
hi
hi again
hi claude
hi there
hints
hints to
history
hit me
hiya
holiday
home
home screen
hook
hooks
hot
hot reload
hotfix
hour
how
how are
how can
how close
how do
how does
how far
how i
how is
how long
how much
how should
how this
how to
howdy
html
http
http 3
http client
http handler
http status
https
huge
hunt
husky
husky pre-commit
hydration
hydration mismatch
i actually
i add
i already
i am
i call
i can
i carry
i catch
i center
i check
i click
i close
i closed
i come
i continue
i cross
i debounce
i disable
i do
i doing
i drop
i even
i find
i fix
i forgot
i free
i get
i go
i got
i had
i handle
i have
i in
i installed
i keep
i know
i left
i log
i lost
i make
i merged
i miss
i missing
i mock
i name
i need
i never
i only
i pass
i pick
i proceed
i profile
i put
i ran
i read
i resize
i resume
i return
i reviewed
i run
i see
i set
i squash
i tackle
i undo
i unlock
i use
i want
i was
i work
i write
i'd
i'd like
i18n work
id
id foreign
id in
id orders
id through
idea
idea why
ideas
idiomatic
idiomatic way
idle
ids
ids is
if
if a
if i
if it
if not
if one
if the
if there's
ifs
ignored
ignored by
image
image 2gb
image carousel
image upload
images
immediately
immediately after
implement
implement a
implement binary
implement carry
implement in
implement jwt
implement lru
implement next
implement pause
implement resumable
implement the
implementation
implementing
implementing the
import script
importer
imports
in
in 3
in a
in all
in an
in auth
in axios
in bash
in batches
in c
in ci
in cloudwatch
in crashloopbackoff
in dev
in django
in docker
in express
in firefox
in flask
in flutter
in gdb
in git
in github
in go
in godot
in hand
in java
in javascript
in jest
in js
in jupyter
in kotlin
in localstorage
in lua
in meeting
in meetings
in middleware
in mocha
in mongodb
in my
in mysql
in next
in node
in on
in package
in pandas
in parallel
in plain
in playwright
in postgres
in powershell
in process
in prod
in pygame
in pytest
in python
in pytorch
in react
in readme
in rust
in safari
in sqlalchemy
in src
in subdirectories
in svelte
in sync
in test
in the
in this
in tmp
in ts
in typescript
in unity
in usechat
in utc
in utils
in vanilla
in vite
in vscode
in vue
in with
in x86
incident
incompatible
index
index on
indexes
indicator
infinite
infinite loop
ingress
injection
inner
inner join
input
input in
input validation
insert
inside
inside a
inside an
inside my
inside the
install
install fails
install instructions
install requirements
install steps
installed
installer
instance
instead
instead of
instructions
instructions for
int
integer
integer addition
interface
internal
interpreter
into
into first
into github
into it
into smaller
ints
inventory system
investigation
invocations
invoice
invoice number
invoice pdf
ios
ios 15
ios keyboard
iphone
is 0
is 1
is 200
is 4
is a
is active
is after
is always
is and
is at
is been
is behind
is broken
is called
is cancelled
is clicked
is continue
is cut
is deprecated
is done
is down
is empty
is everything
is exhausted
is failing
is fine
is first
is flaky
is fried
is going
is ignored
is killing
is left
is left-pad
is locked
is lost
is me
is merged
is misaligned
is missing
is monday
is mush
is my
is negative
is never
is new
is next
is none
is not
is null
is off
is on
is our
is outstanding
is own
is pending
is progress
is quoted
is ready
is really
is red
is remaining
is slow
is sorted
is status
is still
is stuck
is super
is teh
is that
is this
is too
is true
is undefined
is up
is useeffect
is using
is valid
is we
is wrong
issue
issue template
issues
it a
it actually
it back
it bad
it break
it catch
it collapse
it does
it doing
it done
it down
it fails
it fell
it for
it from
it going
it in
it left
it looking
it mean
it off
it safe
it simple
it skips
it stopped
it takes
it times
it to
it up
it will
it with
item
item on
item please
items are
items as
items in
items on
iter
iteration
iteration in
iterative
iterator
iterator after
iterator is
iterator next
jam
java
javascript
jest
jest hangs
jest test
jitter
jitter for
job
job does
job runs
job should
job status
jobs
jobs table
jog
jog my
join
join here
join in
join returns
join so
join vs
jpeg
jpeg to
jpg
jpg in
jq
jquery
js
js 14
js app
js build
js for
js without
json
json schema
json to
json with
jumps
jumps around
jumps to
jupyter
jupyter kernel
just
just back
just continue
just got
just keep
just now
jwt
jwt in
jwt refresh
k8s
k8s deployment
k8s pod
kafka
kafka consumer
kafka topic
kanban
kanban board
keep
keep a
keep at
keep chipping
keep cooking
keep getting
keep going
keep moving
keep on
keep only
keep plugging
keep polling
keep pushing
keep rolling
keep the
keep track
keep working
keep-alive
keep-alive connections
keep-alive header
keepalive
keepalive timeout
keeps
keeps asking
keeps failing
keeps going
keeps growing
keeps opening
keeps removing
keeps running
keeps saying
keeps spinning
keeps the
keeps users
kernel
key
key error
key is
keyboard
keyboard does
keys
keystroke
keyword
kids
kids are
kill
killing
kindly
kindly continue
kindly explain
kindly proceed
kindly resume
kindly update
knock
knock out
know when
know where
koa
koa middleware
kotlin
kubectl
kubectl rollout
kubernetes
label
label the
labeled
labelled
labelled continue
labels
lag
lag keeps
lagging
lambda
lambda invocations
land
landed
landing
laptop
laptop died
large
large dt
last 10
last 100
last 3
last 5
last 7
last chunk
last commit
last element
last git
last login
last migration
last name
last night
last night's
last page
last quarter
last session
last step
last thing
last time
last week
last week's
late
late night
late reply
later
latest
latest minor
latest version
launch
launch on
lay
lay of
leak
leak in
leak when
leaking
leaks
leaks when
learning
leave
leave it
leave off
leave the
leave things
leave unfinished
leave us
ledger
left after
left and
left arrow
left before
left by
left for
left from
left in
left is
left it
left join
left of
left off
left on
left or
left outer
left over
left panel
left shift
left sidebar
left the
left things
left to
left with
left-pad
left-pad the
leftover
leftover temp
legend
length
let
let and
let me
let us
lgtm
lib
libraries
libraries for
library
library app
license
life
lifecycle
lifetime
lightning
like
like a
like i
like netflix
like now
like to
limit
limiter
limiting
limiting to
limits
line
line 42
line and
line by
line function
line in
line when
liner
liner to
lines
lines in
lines of
link
link in
link on
link to
linked
linked list
links
links to
lint
lint job
lint targets
linux
list comprehension
list endpoint
list for
list in
list is
list of
list re-renders
list rerenders
list them
list what
list with
lists
live
live in
live preview
load
load balancer
load test
load the
loaded
loading
loading spinner
loading the
loans
lobby
local
local changes
local postgres
local time
local too
locale
locale if
localhost
locally
locally but
localstorage
lock
lock value
locked
lockfile
locking
lockout
locks
locks the
lodash
log
log file
log files
log it
log off
log the
logger
logging cleanup
logging to
login
login endpoint
login field
login form
login page
logo
logo to
logs
logs for
lol
long
long day
long line
long meeting
long weekend
long-running
look
look at
look like
looking
looks
looks good
loop
loop after
loop in
loop keeps
loop never
loop should
loop skip
loop that
loop when
loops
loses
loses it
loses the
losing
losing my
lost
lost my
lost the
lost track
lot
lowercase
lr
lru
lru cache
lua
lunch
lunch done
mac
machine
machine for
made
main quest
main task
make
make a
make it
make the
make this
makefile
makefile does
makefile for
makefile target
makefile with
makes
makes my
management
management in
manager
manifests
many
many bytes
many tasks
map
map the
mark
mark a
mark the
mark todo
markdown
match
matches
matches uk
mate
matplotlib
matter
max
max 3
md
me
me a
me again
me back
me how
me in
me know
me of
me on
me our
me plan
me please
me the
me up
me what
me where
me which
me with
me write
mean
means
meeting
meeting ran
meetings
meetings all
members
memoization
memory leak
memory on
menu does
merge
merge commit
merge conflict
merged
merged that
merges
merges two
message
message for
message in
messages
messages from
messages into
messages to
method
method on
methods
metrics
middle
middle of
middleware
middleware into
migrating
migration
migration for
migration plan
migration that
migration work
migrations
milestone
min before
mind
minimal
minor
minor versions
minute
minutes
misaligned
misaligned on
mismatch
mismatch after
mismatch error
missed
missed runs
missing
mobile
mobile app
mobile but
mobile layout
mocha
mocha is
mocha test
mock
mock datetime
mock fetch
mod
mod tidy
modal
modal opens
mode
mode to
mode toggle
mode work
model
model the
model with
models
modified
module
module named
module not
module to
modulenotfounderror
modules
moment
momentum
momentum going
monad
monad is
monday
monday again
mongo
mongo change
mongodb
monorepo
monorepo with
month
monthly
monthly and
more push
more than
mornin
morning
morning all
morning mate
morning's
most
move
move on
move the
move to
moving
moving from
moving on
mtime
mtime 7
much
much disk
much is
much of
multi-step
multi-step form
multipart
multipart uploads
multiplayer
multiplayer lobby
multiprocessing
mush
mush after
must
must do
mutable
mutable more
mutex
mutex and
mutex is
my
my 6502
my bash
my bigint
my brain
my branch
my break
my changes
my class
my coffee
my component
my dependency
my desk
my discord
my docker
my emulator
my end
my for
my fork
my function
my github
my jest
my jupyter
my laptop
my last
my linked
my list
my local
my manager
my meeting
my memory
my pandas
my physics
my pr
my python
my rds
my react
my service
my session
my side
my switch
my tests
my train
my unity
my useeffect
my while
mysql
mysql to
n
name
name for
name into
named
names
naming
nan
narrow
nav
nav bar
navbar
navigates
navigating
navigating back
navigation
nearly
nearly done
nearly there
need
need a
needs
needs a
negative
negative after
negative numbers
nested
nested field
nested loop
nested loops
netflix
network
never
never becomes
never called
never fires
never gets
never reaches
never runs
never touched
new
new column
new day
new files
new install
new line
new me
new one
new session
newline
next
next 14
next available
next bit
next build
next business
next button
next cursor
next file
next from
next in
next invoice
next is
next item
next iteration
next line
next milestone
next module
next move
next on
next one
next page
next part
next phase
next piece
next please
next point
next pointer
next pointers
next prev
next previous
next prime
next release
next run
next sibling
next slide
next stage
next step
next steps
next task
next thing
next ticket
next to
next up
next version
next-auth
next-auth session
nextbutton
nginx
nginx returns
nginx says
nice
nice one
night
night please
night session
night's
night's session
nightly
nil
no
no changes
no module
no-continue
node
node in
node modules
node process
node version
none
not
not a
not activating
not allowed
not animate
not apply
not be
not being
not borrow
not catch
not close
not continue
not dismiss
not do
not exist
not filtering
not find
not finish
not finished
not fire
not firing
not found
not just
not persist
not pick
not picking
not proceed
not read
not reflected
not resolve
not restore
not resume
not save
not seem
not set
not showing
not sleep
not stop
not the
not understand
not update
not updating
not work
not working
nothing
nothing in
nothing on
now
now in
now the
now what
npm
npm install
npm packages
npm store
npm update
null
null come
null on
nullable
nullable column
nullpointerexception
nulls
number
number atomically
numbers
numbers in
numpy
o
o of
object
object in
objects
obviously
of 200
of 500
of a
of all
of crashing
of dicts
of each
of going
of http
of it
of logs
of new
of our
of pending
of play
of progress
of python
of python's
of quoted
of snake
of something
of things
of this
of thought
of undefined
of what
of where
of yesterday
off
off and
off by
off in
off on
off the
off what
off with
off yesterday
off-by-one
off-by-one in
offline
offset
offset after
ok
ok back
ok can
ok carry
ok coffee
ok continue
ok do
ok done
ok enough
ok go
ok good
ok i
ok keep
ok let
ok next
ok ok
ok proceed
ok ready
ok so
ok that
ok the
ok what
ok where
okey
old
old rows
older
older ones
older than
on
on 503
on a
on again
on an
on android
on ci
on created
on deck
on desktop
on email
on empty
on error
on every
on friday
on from
on github
on ios
on iphone
on it
on launch
on line
on linux
on login
on mac
on main
on mate
on missed
on mobile
on monday
on my
on next
on now
on one
on orders
on our
on page
on please
on port
on post
on progress
on prs
on python
on retina
on safari
on scroll
on small
on staging
on startup
on the
on then
on this
on thursday
on to
on track
on tuesday
on ubuntu
on valueerror
on we
on what
on where
on windows
on with
on xhr
onboarding
onboarding checklist
onboarding wizard
once
once at
once more
one cent
one directory
one do
one file
one keeps
one liner
one please
one's
one-liner
one-liner does
one-liner to
ones
onfinish
onfinish callback
online
only
only if
only in
only on
only the
onto the
onwards
onwards and
onwards with
open
open from
open items
open on
openai
openapi
openapi spec
opening
opening vim
opens
opens again
operands
operands could
operator
operator do
optimise
optimise this
optional
optional in
or 422
or are
or in
or is
or not
or orders
or service
or should
or what
or yup
order
order lifecycle
order of
order status
orders
orders or
orders table
origin
original
original file
original filename
original plan
os
other
otherwise
otherwise abort
our cli
our current
our goal
our last
our list
our next
our plan
our plate
our progress
our status
our streaming
our task
our todo
our work
out
out a
out after
out for
out null
out of
out sick
outage
outer
outer join
outer loop
output
output below
outstanding
outstanding before
outstanding from
over
over 5mb
over in
over the
over this
over unused
overall
overall goal
overall plan
overflow
overflow in
overflow warning
overflows
overflows on
overlaps
overlaps the
own
package
package i
packages
packages on
packages to
pad
pad the
page
page does
page for
page in
page is
page link
page refresh
page reload
page shows
page token
pages
paginate
paginated
pagination
pagination changes
pagination to
pagination work
paid
pandas
pandas merge
pandas with
panel
panel overlaps
panic
panics
panics at
parallel
parallel with
param
param is
parameter
parameter to
parameters
params
params in
params when
parental
parental leave
park
parquet
parquet file
parse
parse a
parse the
parse them
parse this
parser
parser crashes
parser rewrite
parsing
parsing the
part
part of
partial
partial files
pass locally
pass now
pass on
passes
passes locally
password
password is
passwords
passwords with
past
past the
path
pattern
pause
pause and
pause resume
paused
paused download
paused jobs
paused k8s
paused on
payload
payment
payment service
payments
pdf
pdf and
pdf is
pdf resume
pdfs
pending forever
pending from
pending promises
pending work
per
per chunk
per minute
percent
percentage
percentage in
perfect
permission
permission denied
persist
pg
phase
phase two
phone
phone number
phone numbers
physics
physics sim
physics step
pick a
pick back
pick it
pick things
pick this
picker
picker shows
picking
picking it
picking things
picking this
picks
picks up
piece
pieces
ping
ping every
pings
pip
pip install
pipeline
place
place to
plain
plain english
plan a
plan again
plan are
plan from
plan id
plan node
plan out
plan output
plan says
plan selector
plan shows
plan table
plan the
plan to
plan uses
plan wants
plan was
planned
plans
plans table
plate
platformer
play
play again
playback
player
player class
player does
playwright
playwright before
please
please add
please carry
please continue
please explain
please give
please go
please help
please how
please keep
please make
please plan
please proceed
please remind
please resume
please summarise
please tell
please to
please we
please write
plugging
plugging away
plugin
plus
pnpm
pnpm monorepo
pod
pod is
pods
poetry
point
point we
pointer
pointer twice
pointers
pointers in
points
points to
polling
polling until
pool
pop
pop do
port 300
port 8080
port to
position
position when
post
postcodes
postcodes please
postgres
postgres db
postgres query
postgres with
power
power cut
powershell
pr
practice
pre-commit
pre-commit hooks
press
press on
pressure
prettier
prettier for
prev
preview
previous
previous commit
previous screen
previous session's
previous task
previous version
price
prices
pricing
pricing plan
primary
prime
prime after
print
print the
prints
prints a
prints the
prisma
pro
pro team
probe
probe fails
probe keeps
problem
proceed
proceed as
proceed button
proceed only
proceed past
proceed with
proceeds
process
process and
process batch
process is
process rows
processes
processes write
processing
prod
product
production
products
profile
profile a
profile this
progress
progress bar
progress callback
progress events
progress in
progress indicator
progress is
progress looking
progress next
progress of
progress on
progress percentage
progress report
progress ring
progress since
progress so
progress spinner
progress update
progressive
progressive enhancement
proguard
project with
promise
promise never
promises
prompt
propagation
propagation in
properly
properties
properties of
proposed
props
pros
pros and
proxy
prs
public
public api
public functions
pull
pull say
pulled
pulled into
pure
push on
pushed
put
put shared
put the
py
py files
py with
pydantic
pygame
pytest
pytest on
pytest-xdist
python
python 3
python function
python interpreter
python is
python script
python snippet
python venv
python virtualenv
python without
python's
python's defaultdict
pytorch
pytorch lightning
q
quarter
query
query for
query in
query is
query locks
query param
query params
query plan
quest
queue
queue implementation
queue is
queue on
quick
quick catch-up
quick q
quick recap
quick script
quick status
quick summary
quick update
quota
quota is
quoted
quoted and
quoted banner
quoted button
quoted checkbox
quoted counter
quoted does
quoted feature
quoted in
quoted link
quoted row
quoted section
quoted should
quoted status
quoted when
race
raises
raising
ran the
random
random element
random password
range
range function
range header
range headers
range requests
rate
rate limit
rate limiter
rate limiting
rather
rather than
rc
rds
rds instance
re-renders
reached
reaches
reaches 100
react
react and
react native
react router
react that
read
read a
read properties
read replica
read search
read the
reader
readers
readiness
readiness probe
reading
reading app
reading map
reading the
readme
readme is
readme section
readme with
ready before
ready event
ready fires
ready for
ready in
ready queue
ready to
ready vs
ready when
readystate
readystate is
real
really
really slow
reason
rebase
reboot
rebooted
recap
recap next
recap of
recap please
recap then
reckon we
reconnect logic
recreate
recursion
recursive
red
red on
redirect
redirecting
redirecting to
redis
redis and
reduce
redux
redux state
refactor
refactor and
refactor the
refactor this
refactor to
refactor we
reflected
refresh my
refresh tokens
refreshed
refund
refunded
regex
regex does
regex for
regex that
rejected
rejects
reload
reload in
remain
remainder
remaining args
remaining attempts
remaining balance
remaining before
remaining bits
remaining characters
remaining days
remaining endpoints
remaining field
remaining for
remaining in
remaining items
remaining on
remaining ones
remaining quota
remaining retries
remaining scope
remaining steps
remaining tasks
remaining tests
remaining time
remaining work
remains
remains before
remains on
remains to
remind
remind me
remove
remove the
removed
removes
removes a
removes the
removing
removing my
rename
rename all
rename getuser
rename it
rename the
rename to
rename userid
renames
renames all
renaming
renaming the
render
render a
rendering
renders
replace
replace the
replacement
replica
replica after
replica can
reply
repo
repo and
report please
report progress
report query
reports
reports page
request
request again
request errors
request fails
request id
requests
requests hang
requirements
rerenders
rerun
reset
resets
resize
resolve
resolves
response
response is
responsive
rest api
rest naming
rest operator
rest parameters
rest vs
restart
restarting
restarting the
restarts
restore
restore from
restore the
result
results
resumable
resumable uploads
resume a
resume after
resume at
resume builder
resume button
resume buttons
resume endpoint
resume flag
resume for
resume from
resume in
resume parser
resume partial
resume paused
resume pdf
resume playback
resume please
resume support
resume the
resume token
resume training
resume upload
resume vs
resume where
resume work
resume yesterday's
resumes
resumes a
resuming
retina
retries
retries on
retries to
retry
retry again
retry logic
retry loop
retry the
retrying
return
return 404
return a
return camelcase
return for
return from
return on
return status
return the
return to
return when
returned
returned from
returning to
returns
returns 404
returns 413
returns 500
returns 502
returns a
returns dates
returns fewer
returns none
returns null
returns status
returns the
returns uptime
revenue
revenue last
reverse
reverse a
reverses
reverses a
revert
revert the
review my
review on
review this
reviewed
rewrite this
rich
right
right after
right so
right then
righto
ring
ring in
road
roadmap
roguelike
roll
roll back
roll on
rollback
rolling
rolling on
rollout
rollout resume
rollout status
room
rotate
rotate logs
round
round 2
round two
rounding
route
router
router errors
routes
routine
routing
row
row is
row on
rows
rows from
rows in
rows older
rows with
rps
rs
rsync
ruby
rule
rule to
rules
run
run a
run at
run in
run on
run the
rundown
rundown of
runner
running
running after
running on
running the
running twice
runs
runs after
runs again
runs lint
runs pytest
runs tests
runs twice
runtime
rust
rust 2024
rust borrow
s3
s3 every
s3 multipart
saddle
safari
safe
safe to
safely
same as
same bug
same drill
same pointer
same task
save
save the
save-game
saving
saving uploads
say
say my
say quoted
say we'd
says
says my
says no
says quoted
scale
scan
scan in
scan instead
scan is
scanner
schedule
scheduler
scheduler should
schema
schema for
school
school run
scope
scope for
score
scp
scp transfer
scraper
screen
screen in
screen on
screen readers
screens
script
script for
script from
script that
script to
scroll
scroll position
scrolling
search feature
search in
search indexing
search input
search page
search params
seconds
seconds if
seconds in
section
section about
section of
section on
security
security issues
see
see what
see why
seed
seed script
seem
seem to
seems
seems you
segfault
segfault when
select
selection
selector
selector to
self
self as
semaphore
semicolon
send
send a
sentence
sentry
separator
seq
seq scan
sequence
serde
serde to
serializer
server
server component
server is
server side
service
service layer
service so
service with
services
session
session again
session cookie
session crashed
session data
session ended
session from
session is
session please
session so
session token
session's
set
set a
set cors
set in
set it
set the
set up
sets
sets status
setstate
setting
settings
settings screen
shall
shall we
shapes
share
shared
shared types
shift
shift left
shift overflow
ship
ship the
ship this
shipped
shipped back
shopping
short
should
should a
should be
should continue
should go
should keep
should my
should resume
should return
should shared
should show
should stay
should the
should we
shouldn't
shouldn't be
show
show a
show back
show files
show progress
show quoted
show remaining
show the
show up
show upload
showing
shows
shows a
shows files
shows in
shows it
shows the
shutdown
sibling
sibling element
sick
sidebar
sidebar collapses
sidebar is
sidebar overlaps
signal
signup
signup form
signup page
sigterm
silence
sim
simple
since
since last
single
sir
situation
situation of
size
size for
size in
skip
skip the
skip to
skipped
skipped after
skipping
skips
skips my
skips step
skips the
skips two
slack
sleep
slice
slide
slider
slides
slim
slim it
slow
slow in
slow on
slow python
slug
slugify
slugify function
slurm
small
small cli
small files
small mobile
small screens
smaller
smaller ones
smaller pieces
smoothly
snake
snake case
snapshot
snippet
snippet to
so
so are
so far
so it
so slow
so the
so um
so users
so we
so what
so where
socket
some time
sometimes
sorry
sorry for
sorry got
sorry had
sorry my
sorry that
sorry was
sort
sort a
sort by
sort this
sortable
sorted by
sounds
sounds good
source
spa
spa routing
space
space is
spam
spec
speed
speed on
speed up
spinner
spinner keeps
spinner while
spinning
spinning forever
spins
spins forever
splash
split
split name
split this
splitting
splitting the
spot
spot the
spread
sprite
sql
sql injection
sql query
sql to
sqlalchemy
sqlite
sqlite for
squash
squash my
squash the
src
src and
ssh
ssh key
stack
stack trace
stage
staging
stand
stand up
stand with
stands
standup
standup bot
start of
start on
start today
started
started before
started this
started yesterday
starts
startup
startup with
stash
stash pop
state
state between
state diagram
state does
state gets
state in
state is
state machine
state management
state of
state to
statement
statement in
statement inside
statements
statements in
static
status
status 418
status 502
status archived
status badge
status bar
status check
status code
status codes
status column
status crashloopbackoff
status endpoint
status enum
status field
status hangs
status health
status instead
status is
status line
status message
status nginx
status on
status page
status please
status report
status should
status show
status shows
status subcommand
status update
status when
stay
stay disabled
stays
stays disabled
steam
steam ahead
step
step 3
step 4
step are
step away
step by
step counter
step fails
step function
step functions
step in
step into
step over
step parameter
step please
step quoted
step size
step through
step to
step we
step you
step-by-step
stepper
stepper component
steps
steps are
steps in
steps left
sticky
sticky on
still
still have
still need
still not
still on
still open
still outstanding
still pending
still to
still todo
stop
stop last
stop yesterday
stopiteration
stopped
stopped at
stopped before
stopped halfway
stopped last
stopped on
stopped with
stopped working
stopped yesterday
stops
stops at
store
store jwt
store the
stored
story
straight
strategy
stream
stream after
stream is
streaming
streams
strict
strict mode
string
string after
string on
string to
strings
strip
stripe
struct
structure
structure for
structured
structured logging
stuck
stuck at
stuck back
stuck in
stuck on
stuck to
stuff
style
subcommand
subdirectories
subdomains
submit
subquery
subquery is
subscription
subscription expires
succeeds
suite
sum
summarise
summarise progress
summarise the
summarise where
summarize
summarize where
summary of
sunday
sup
super
super slow
support
support for
support in
support to
sure
suspended
svelte
svg
swap
swap moment
sweep
sweet
sweet as
swift
switch
switch in
switch statement
switch to
sync without
syntax
system for
systemctl
systemctl status
systemd
systemd service
t
tab
table
table columns
table header
table headers
table should
table with
tables
tackle
tackle next
tackle now
tackle the
tag
tag in
tail
tailwind
take a
take it
taken
takes
takes ages
tangent
target
targets
task
task as
task at
task from
task is
task please
tasks
tasks are
tasks left
tcp
tea's
tea's made
team
teh status
tell
tell me
temp
temp files
template
template for
templates
tenant
terminal by
terminal crashed
terminal died
terms
terraform
terraform module
terraform modules
terraform plan
terraform state
test
test again
test and
test fails
test fixes
test for
test hunt
test in
test passes
test times
tests
tests again
tests are
tests fail
tests for
tests in
tests pass
tests run
tests we
tests you
text
textarea
than
than 100mb
than a
than asked
than expected
than once
thank
thank you
that
that a
that accepts
that adds
that backfills
that backs
that be
that caches
that checks
that continues
that filters
that finds
that i
that in
that is
that keeps
that leave
that matches
that mean
that merges
that off
that prints
that renames
that resumes
that returns
that reverses
that right
that runs
that sets
that shouldn't
that still
that took
that works
the accessibility
the agenda
the agreed
the airbnb
the alb
the animation
the api
the app
the array
the art
the assignment
the audio
the auth
the back
the back-end
the backend
the background
the ball
the best
the big-o
the bigint
the billing
the body
the borrow
the bottom
the branch
the break
the breaking
the browser
the buffer
the bug
the build
the button
the cache
the caching
the callback
the camera
the carousel
the carry
the cart
the changes
the channel
the chart
the checkbox
the checklist
the checkout
the checksum
the ci
the cli
the client
the code
the command
the component
the compose
the config
the connection
the consumer
the container
the content
the context
the continue
the corporate
the cors
the crash
the created
the cron
the css
the csv
the current
the cursor
the dark
the dashboard
the data
the database
the date
the day
the db
the debugger
the default
the delay
the delete
the dentist
the diff
the difference
the docker
the dockerfile
the docs
the dom
the done
the download
the downloader
the editor
the email
the empty
the end
the env
the error
the etl
the event
the exception
the exporter
the failed
the failing
the feature
the fetch
the fields
the file
the finish
the first
the flag
the flaky
the folder
the fonts
the footer
the for
the form
the frontend
the full
the function
the gateway
the github
the go
the go-to-top
the goal
the goroutine
the grading
the graphql
the grid
the grind
the gym
the handler
the header
the health
the holidays
the home
the http
the i18n
the idiomatic
the image
the import
the importer
the index
the input
the installer
the internet
the inventory
the ios
the iterator
the job
the jobs
the kafka
the kanban
the key
the keyboard
the lag
the land
the laptop
the last
the latest
the lay
the ledger
the left
the leftover
the level
the list
the load
the lockfile
the log
the logger
the logging
the login
the logo
the logs
the long
the loop
the lunch
the main
the map
the max
the meeting
the menu
the middle
the middleware
the migrations
the mobile
the modal
the momentum
the mongo
the morning
the most
the nav
the navbar
the network
the new
the newline
the next
the node
the notifications
the number
the off-by-one
the old
the older
the onboarding
the openai
the order
the orders
the original
the outage
the outer
the output
the overall
the package
the page
the paginated
the parquet
the parser
the password
the pause
the paused
the payment
the payments
the pdf
the pending
the plan
the plate
the player
the pod
the point
the port
the postgres
the pricing
the primary
the proceed
the process
the product
the products
the progress
the project
the promise
the public
the query
the queue
the quoted
the range
the rate
the rds
the react
the read
the reader
the readiness
the readme
the ready
the reboot
the refactor
the remainder
the replica
the repo
the report
the reports
the request
the response
the resume
the retry
the review
the rewrite
the right
the road
the roadmap
the roguelike
the router
the row
the saddle
the same
the save-game
the schema
the school
the score
the scraper
the screen
the script
the scroll
the second
the seed
the sentence
the sequence
the server
the settings
the shader
the shared
the sidebar
the signup
the situation
the slice
the slow
the slugify
the socket
the spa
the sql
the stack
the standup
the start
the state
the status
the step
the stepper
the stream
the string
the subscription
the suite
the sum
the swift
the syntax
the table
the tail
the task
the team
the test
the textarea
the thesis
the thing
the thread
the tilemap
the time
the timeout
the timer
the timestamp
the timezone
the title
the todo
the token
the tokens
the training
the translations
the trial
the typo
the unit
the unused
the update
the updated
the upload
the uploader
the url
the useeffect
the user
the user's
the users
the validation
the value
the variable
the video
the vscode
the webhook
the weekend
the where
the whole
the window
the wizard
the wizard's
the work
the worker
the workers
the write
the wrong
their
their latest
them
them by
them in
them up
them with
theme
then
then exit
then move
there
there a
there anything
there are
there more
there still
there's
there's a
these
these days
these error
thesis
thesis code
they
thing
thing from
thing on
thing we
thing with
thing you
things
things are
things at
things stand
things up
think
think the
this 300
this after
this afternoon
this at
this back
this bash
this binary
this branch
this callback
this class
this code
this component
this csv
this dict
this diff
this env
this error
this explain
this file
this flask
this form
this function
this in
this into
this json
this list
this loop
this makefile
this module
this monorepo
this morning
this morning's
this moving
this nested
this node
this null
this one
this plan
this python
this query
this regex
this repo
this session
this show
this sql
this stack
this stands
this task
this ticket
this to
this undefined
this up
this useeffect
this work
this yaml
though
though the
thought
thread from
through
through each
through something
through the
through this
through to
throw
throwing
throws
throws a
thursday
tick
tick off
tick that
ticket
ticket number
ticket please
tidy
tidy keeps
tidy removes
tilemap
time complexity
time estimate
time for
time i
time in
time now
time out
time to
timeout
timeout for
timeout on
timer
times
times out
timestamp
timezone
tips
title
tl
tmp
tmp to
tmux
to
to 14
to 20
to 5
to 8
to 800px
to a
to accountid
to achieve
to add
to an
to async
to avoid
to call
to carry
to catch
to change
to check
to checkout
to commit
to continue
to count
to debounce
to debug
to definition
to delete
to deploy
to deprecate
to destroy
to do
to fetchuser
to find
to finishing
to forbid
to gcs
to german
to handle
to hooks
to implement
to it
to json
to jump
to latest
to localstorage
to login
to lowercase
to make
to mock
to next
to on
to orders
to our
to parse
to pdf
to pending
to phase
to pick
to postgres
to profile
to put
to read
to reboot
to rename
to resume
to rotate
to run
to rust
to s3
to see
to skip
to something
to speed
to step
to stop
to store
to structure
to their
to update
to use
to users
to utils
to validate
to with
to work
to yesterday
today
today for
todo and
todo app
todo as
todo comment
todo comments
todo for
todo in
todo item
todo items
todo left
todo list
todo status
todo without
todolist
together
together with
toggle
toggle to
token
token in
token is
token refresh
tokens
tokio
toml
tomorrow
too
too slow
took
took forever
tool
tooltip
top
top 5
top of
topic
total
touched
tqdm
tqdm progress
trace
trace below
track
track of
tracking
train
train of
train wifi
training
training from
trait
transfer
translate
translate these
translate this
translations
tree
triage
trial
trigger
trim
true
true in
try
try again
try except
trying
trying to
ts
tsconfig
tuesday
tuesday's
tuesday's session
turborepo
twice
twice in
twice per
two configs
two days
two processes
two slides
two weeks
type
type hints
typeerror
types
types from
types in
types live
typescript
typescript interface
typo
typo in
ubuntu
ugh
uh
uh what
uk
uk postcodes
um
undefined
undefined in
undefined on
under
under load
under the
understand
undo
undo git
undo the
unfinished
unique
unique constraint
unit
unit test
unit tests
unity
unlock
unlock it
until
until the
unused
unused imports
unused vacation
unwrap
up a
up again
up as
up at
up changes
up env
up eslint
up faster
up from
up husky
up in
up messages
up missed
up my
up new
up next
up please
up the
up to
up where
up with
up yesterday's
update
update a
update all
update broke
update fails
update in
update me
update on
update please
update query
update statement
update the
update when
updated
updates
updating
updating immediately
upgrade
upgrade next
upgrading
upload
upload dialog
upload endpoint
upload fails
upload field
upload finishes
upload in
upload progress
upload with
uploader
uploads
uploads to
upstream
uptime
uptime and
upwards
url
url from
us
us carry
us continue
us crack
us do
us finish
us get
us go
us keep
us knock
us move
us pick
us proceed
us push
us rename
us resume
us return
us roll
us wrap
usage
use
use a
use continue
use now
use of
use the
use tokio
use zod
usechat
used
useeffect
useeffect running
useeffect runs
usememo
user
user clicks
user gesture
user goes
user id
user is
user navigates
user's
usereducer
usereducer for
userid
userid to
users
users endpoint
users table
users without
uses
uses a
usestate
usestate not
usestate vs
using
using css
using port
using range
using the
utc
utc instead
utils
uuid
vacation days
valid
validate
validate input
validate the
validates
validation
validation fails
validation to
value
value in
value is
valueerror
values
vanilla
vanilla js
vanish
var
variable
variables
vars
vars from
vars in
vec
vector
venv
verbose
verbose flag
verified
verilog
version
version in
version of
versions
vertically
vet
vet complains
via
video
video player
view
vim
virtualenv
vite
vite project
vitest
volume
vpn
vpn dropped
vs
vs continue
vs domcontentloaded
vs graphql
vs inner
vs next
vs promise
vs step
vs throw
vs usereducer
vs which
vscode
vscode extension
vscode for
vue
vue 3
wait until
wait what
waiting
want
want it
want local
want make
want to
wants
wants a
wants to
warning
warning in
warns
was
was afk
was away
was for
was i
was in
was it
was on
was out
was the
watch
watcher
watcher does
way
way to
we
we accomplish
we again
we are
we at
we before
we can
we carry
we continue
we decide
we decided
we did
we dive
we do
we doing
we done
we ever
we finish
we finished
we get
we getting
we go
we good
we got
we had
we have
we in
we keep
we land
we landed
we leave
we left
we made
we must
we nearly
we need
we on
we park
we paused
we pick
we planned
we resume
we say
we stand
we start
we started
we still
we stop
we stopped
we to
we tracking
we trying
we up
we use
we were
we with
we working
we'd
we'd do
webhook
webpack
websocket
websocket alive
websocket disconnects
websocket stuff
week
week off
week's
weekday
weekday at
weekend
weekend over
weeks
weird
weird in
went
were
were before
were doing
were halfway
were in
were saying
were we
were working
were writing
what
what a
what am
what are
what changed
what comes
what did
what do
what does
what else
what happens
what have
what i
what is
what next
what now
what remains
what should
what step
what the
what this
what was
what we
what were
what yield
what you
whatever
whatever is
whatever you
when
when a
when calling
when do
when form
when freeing
when i
when it
when navigating
when redirecting
when saving
when should
when the
when there
when two
when you
where
where are
where clause
where did
where does
where filter
where had
where id
where in
where is
where should
where the
where things
where this
where was
where we
where were
where you
whether
which bit
which is
which of
which one
which point
which process
which should
which step
which steps
which task
which tasks
while
while loop
while the
whitespace
whole
whole table
why
why does
why is
why my
why the
why x
wi
wide
widget
wifi
will
will destroy
will not
window
window with
windows
with 10k
with a
with an
with argon2
with blueprints
with build
with caution
with continue
with docker
with early
with everything
with exit
with exponential
with fetch
with file
with free
with install
with it
with jitter
with large
with last
with module
with monthly
with next
with pnpm
with prettier
with pytest-xdist
with quoted
with react
with requests
with rich
with shapes
with step
with that
with the
with upstream
with what
with whatever
with zeros
without
without a
without js
without losing
without orders
without restarting
without using
wizard
wizard does
wizard's
woke
woke up
work
work again
work from
work in
work is
work now
work of
work on
work please
work through
work without
worker
worker pool
worker should
workers
workers finish
workflow
workflow that
working
working for
working in
working on
would that
would you
wrap up
write
write a
write an
write docs
write docstrings
write it
write me
write stream
write that
write the
write this
write unit
writing
written
wrong
wrong after
wrong in
wrong item
wrong python
wrong with
x
x is
x to
x-ratelimit-remaining
x-ratelimit-remaining header
x86
xhr
yaml
ye
ye go
yeah
year
year in
yearly
yep
yep go
yes
yes go
yes please
yesterday
yesterday and
yesterday evening
yesterday we
yesterday's
yesterday's session
yesterday's work
yet
yet or
yield
yield and
yield does
yields
yo
yo back
yo i
you
you add
you also
you are
you bring
you can
you catch
you check
you continue
you explain
you finish
you fix
you get
you give
you got
you help
you keep
you left
you look
you make
you mind
you pick
you plan
you please
you proposed
you remind
you resume
you review
you spot
you started
you stop
you stopped
you summarise
you tackle
you take
you tell
you were
you write
your
your turn
yup for
zero
zero-downtime
zeros
zeros to
zod
zod or
zustand
";

/// Each feature's weight, in the same order.
#[rustfmt::skip]
pub(super) static WEIGHTS: [f32; N] = [
    -3.054, -2.954, -1.801, -2.024, -1.396, -0.703, -2.575, -1.108,
    -1.619, -1.108, -2.207, -1.955, -1.619, -1.619, -2.649, -1.955,
    -1.108, -1.108, -1.108, -0.656, 1.089, -2.575, -1.108, -1.396,
    -1.396, -1.801, -1.619, -2.407, -1.272, -1.108, -2.089, -1.108,
    -1.108, -1.108, -2.207, -1.396, -1.108, -2.312, -1.108, -1.801,
    -1.108, -1.396, -1.619, -2.407, -1.108, -1.108, -1.108, -1.108,
    -1.619, -1.108, -1.396, -1.108, -1.108, -1.955, -1.801, -1.955,
    -1.108, -2.345, -1.108, -1.619, -1.108, -1.801, -1.108, -2.718,
    -1.108, -1.801, -1.108, -1.955, -1.396, -1.396, -1.955, -1.108,
    -1.619, -1.396, -1.396, -1.108, -1.108, -1.955, -1.108, -1.108,
    -2.494, -1.396, -1.396, -1.108, -1.108, -1.108, -1.108, -1.619,
    -1.619, -1.619, -1.108, 3.534, 1.795, -0.893, -1.225, -1.162,
    -2.465, -1.396, -1.108, -1.801, -1.619, -1.396, -2.407, 1.194,
    1.089, -1.108, 1.089, -1.396, -1.619, -1.108, -1.619, -1.108,
    -1.619, -1.108, -1.108, -3.005, -1.396, -1.108, -1.801, -2.089,
    -1.801, -1.108, -1.801, -1.396, -1.801, -1.801, -1.396, -1.955,
    -1.396, -2.407, -1.108, -1.108, -1.955, -1.108, -1.801, -1.108,
    -1.108, -1.108, -1.619, -1.396, -1.619, -3.145, -1.801, -2.407,
    -1.396, -1.619, -2.494, -1.619, -1.396, -1.108, -1.619, -1.396,
    -1.108, -1.108, -1.108, -1.108, -1.619, -1.396, -1.619, -2.407,
    -1.108, -1.396, -1.108, -1.801, -1.108, -1.108, -1.396, -1.955,
    1.089, -1.955, 1.782, -1.619, -2.718, -1.801, -1.801, -1.108,
    -1.801, -1.619, -2.494, -2.494, -1.619, -1.619, -1.396, -1.396,
    -1.108, -1.108, -2.312, -1.108, -1.108, -0.520, -1.108, -1.955,
    -1.801, -1.108, -1.396, -2.407, -2.954, 1.290, -3.444, -1.955,
    -1.955, 1.089, -1.108, -1.108, -2.207, -1.108, -1.396, -2.407,
    -1.108, -1.108, -1.955, -1.396, -1.108, -2.407, -1.801, -1.108,
    -1.396, -1.108, -1.108, -2.649, -1.955, -1.396, -1.897, -2.312,
    -2.407, -1.108, -1.108, -2.312, -1.108, -1.108, -2.089, -1.396,
    -1.396, -1.108, -2.843, -1.108, -1.108, -1.108, -1.108, -1.619,
    -1.619, -1.619, -1.108, -1.801, 2.188, -2.089, 1.089, -1.619,
    -1.108, -1.396, -1.108, -1.059, -1.108, -1.619, -1.108, -1.108,
    1.377, -1.108, -1.108, -1.396, 1.089, -1.396, -1.108, 0.907,
    1.600, 1.377, -1.108, -1.108, -1.108, -1.108, 1.600, 1.089,
    1.089, 1.600, -2.407, -1.108, -1.396, -1.309, -2.089, -3.054,
    -1.396, -1.801, -1.108, -1.619, -1.396, -1.396, -1.108, -2.718,
    -1.619, -1.108, -1.396, -5.421, -4.937, -2.312, -1.619, -1.396,
    -1.396, -1.108, -2.207, -2.207, -1.801, -1.108, -1.396, -1.108,
    -1.108, -2.207, -1.619, -1.108, -1.801, -1.801, -1.108, -1.396,
    1.377, -1.008, -1.801, -1.108, -1.801, -1.108, -1.396, -1.619,
    -1.619, -2.089, -1.108, -1.396, 1.377, -1.396, -2.312, -1.108,
    -1.396, -1.108, 2.388, 0.907, 2.555, 1.271, -0.569, -1.619,
    -1.108, 1.089, 1.600, 1.089, -1.396, -1.396, -1.801, -1.396,
    -1.108, 1.936, 1.377, 1.089, 1.377, 2.424, 2.881, 1.089,
    -1.396, -1.396, -1.108, -1.108, -1.396, -1.108, -1.108, -2.089,
    -1.619, -1.088, -1.396, 1.377, -1.108, -1.801, -1.108, -1.801,
    -2.207, -1.108, -1.955, -1.396, -1.108, 2.698, 2.555, -0.965,
    -2.207, 3.323, 1.089, 1.089, -1.801, -1.955, 1.600, -1.619,
    -1.396, 1.089, 3.808, 1.089, -1.108, 1.377, -1.396, 2.293,
    -1.801, -1.108, 2.070, 1.089, 1.089, -1.108, -2.051, -1.108,
    -1.396, -1.955, -1.801, 1.600, -2.575, -1.396, -1.396, -1.108,
    -2.312, -1.396, -1.396, -0.825, -2.407, -1.108, -1.619, -1.108,
    1.089, 1.089, -1.108, -1.108, -1.396, 0.501, -2.207, 1.089,
    -1.108, -1.108, -1.108, -2.407, -1.396, -1.108, -1.108, -1.108,
    0.684, -1.108, -1.108, 1.089, -1.396, -1.108, -1.955, -1.619,
    -1.801, -1.108, 1.089, 1.377, -1.108, -1.108, -1.108, -1.108,
    -1.108, -1.801, -1.619, -1.396, -1.108, -1.396, -0.703, -1.396,
    -0.520, 1.782, -1.108, -1.108, -1.108, 3.752, -1.396, 0.684,
    -1.955, -1.108, -1.108, -2.089, -1.396, -1.108, -1.108, -1.801,
    -1.108, -1.801, -1.108, 0.684, -1.108, 1.089, -1.108, 1.046,
    1.782, 1.936, 1.089, 1.089, -1.818, 1.377, -1.619, -1.108,
    -1.108, -1.396, -1.619, -1.801, -1.801, -3.342, -1.108, -1.955,
    -1.108, -1.396, -1.619, -1.396, -1.108, -2.407, -1.108, -2.312,
    -1.619, -1.801, -1.108, 2.188, -1.619, -1.396, -1.108, -1.108,
    -1.108, -1.801, -1.108, 1.305, 2.188, 2.070, 1.089, -1.108,
    1.600, 1.089, -1.108, -1.108, -1.619, 1.089, -1.108, -1.108,
    1.600, -0.703, 0.907, 3.286, 1.089, -1.108, -1.108, -1.801,
    -1.108, -1.108, -1.619, -2.718, -1.396, -1.108, -1.801, -1.108,
    -1.108, -1.108, -1.108, 1.377, -2.089, 1.782, -2.494, -1.108,
    -1.619, 2.293, -1.108, 1.377, 1.377, -1.108, 1.600, -2.782,
    -2.312, -1.108, 0.866, -1.108, -1.108, -1.619, -1.108, -1.619,
    1.089, -1.619, 4.165, 1.782, -1.108, 0.550, -1.108, 2.293,
    -1.108, -1.801, -1.619, -0.703, -1.108, -1.396, -1.108, 1.600,
    2.188, -1.619, -1.108, -1.396, -2.575, 2.358, 1.089, 2.555,
    1.782, -1.108, -1.955, 1.377, 1.377, 1.215, 2.342, 2.070,
    1.089, -1.108, 3.456, 1.089, -2.900, -1.108, 1.089, 4.195,
    0.684, 2.388, 1.089, -1.108, -1.108, 2.475, 1.664, -1.396,
    1.600, -1.108, -2.207, 0.829, 0.644, -1.396, -1.108, -1.108,
    -2.089, -1.619, -1.396, -1.396, -1.108, -1.108, -2.407, -1.801,
    -2.718, -1.108, -1.801, -1.108, -1.108, -1.619, -1.801, -1.396,
    -1.108, -1.108, -2.089, -1.396, -1.108, -2.207, -1.955, 1.089,
    -2.089, -1.108, -1.396, 1.377, 1.377, -1.801, -3.698, -2.207,
    -1.619, -1.108, -1.396, -1.108, -1.396, -1.396, -1.108, -1.108,
    -3.377, -1.955, -2.312, -1.262, -1.396, -1.431, -1.108, -1.108,
    -1.108, 1.377, -1.396, -1.108, -1.108, 1.089, 1.782, 1.089,
    2.188, 1.089, 0.913, -1.108, 2.131, 1.600, -2.089, -1.619,
    1.271, 2.555, -1.108, -1.108, -1.108, -2.843, -1.396, -1.801,
    -2.312, -2.312, -2.312, -1.801, -1.396, -1.108, -3.078, -2.089,
    -1.396, -1.108, -1.396, -1.801, -1.396, -1.108, -1.714, -1.108,
    -1.619, -1.396, -1.396, -1.396, -1.108, -1.801, -1.108, -1.396,
    1.377, 1.089, 1.377, -2.207, -1.801, -1.108, -1.108, 1.479,
    1.377, 1.089, -1.619, -1.801, -0.703, -1.108, -1.108, -1.801,
    -1.108, -1.396, -1.396, -1.262, -1.955, -1.108, -1.396, -2.312,
    -1.108, -2.089, -1.108, -1.619, -2.494, -2.312, -1.108, 1.936,
    1.936, -1.108, -1.108, 1.600, 1.377, -1.619, -1.396, -1.396,
    -1.108, -1.108, -2.089, -1.108, 1.089, 1.377, 2.388, 2.388,
    -1.108, -1.108, -0.926, -1.396, -2.575, -1.108, -2.312, -1.801,
    -2.575, -2.407, -1.039, -1.396, -2.332, -2.718, -2.089, -1.108,
    -1.108, -1.955, -1.108, -1.108, -1.801, -1.108, -1.108, -1.801,
    -1.108, -0.926, -1.619, -2.430, -0.520, -1.619, -1.801, -1.108,
    -1.108, -2.207, -1.108, -4.498, -1.396, -1.396, -1.108, -1.801,
    -3.005, -1.108, -2.782, -1.108, -2.089, -1.801, -2.407, -1.955,
    -1.108, -1.816, -1.801, -1.396, 0.907, -1.619, -1.619, -1.396,
    -1.396, 1.089, -1.396, -1.801, -1.619, -1.108, -1.396, -1.396,
    -1.108, -2.312, -1.108, -1.396, -3.145, -1.108, -1.108, -1.108,
    -1.108, 1.089, -1.396, -1.108, 1.243, 1.089, 1.377, 1.377,
    -1.396, -1.619, -1.396, -1.108, -2.207, -3.647, -1.801, -1.801,
    -1.108, -1.801, -1.396, -1.801, -1.108, -3.101, -1.108, -2.089,
    -2.089, -1.108, -1.108, -1.396, 1.377, 1.377, -1.619, -1.108,
    -1.396, 1.495, -2.718, 1.089, -2.002, 1.936, 1.089, 1.207,
    -1.108, -1.108, -1.619, -1.108, -1.619, -1.396, -0.926, -1.801,
    -1.396, -2.312, -1.108, -1.108, -1.108, 1.070, -2.407, 3.635,
    -1.108, -2.494, -1.108, -2.649, -0.857, -1.108, -2.407, 3.249,
    -1.396, -2.649, -1.108, -2.407, -1.619, -1.108, -1.619, -2.207,
    -1.955, -1.108, -1.550, -1.108, -1.955, -1.108, -1.955, -1.619,
    -1.926, -1.108, -1.396, -1.801, -2.407, -1.396, -1.801, -1.396,
    -1.108, -1.801, -1.262, -1.021, -1.396, -1.108, -1.801, -1.108,
    -2.649, -1.955, -1.108, -2.207, -1.108, -1.108, 1.457, -1.955,
    -1.619, -0.885, -1.108, -2.089, -1.108, -1.108, -1.108, 0.684,
    -1.955, -1.108, -1.108, 1.936, 1.936, -1.108, -1.801, -1.108,
    -2.575, -1.108, -1.108, -1.108, -1.619, -1.108, -1.108, -1.108,
    -1.108, -1.108, -1.396, -1.396, -1.108, 2.698, -2.494, -1.108,
    -1.108, -1.396, -1.955, -1.108, -1.108, 1.194, 1.089, -1.907,
    -1.108, -1.108, -1.108, -1.619, -1.396, -1.108, -1.262, -1.396,
    1.936, -1.619, 0.501, 1.089, -1.801, -1.396, -1.396, -1.108,
    -1.108, -1.108, -2.384, -1.619, -1.955, -1.108, -1.955, -1.108,
    -1.108, 2.388, 1.600, 1.089, -1.801, -1.108, -1.396, -1.108,
    -1.108, -1.108, -1.108, -1.396, -1.108, -1.108, -3.647, -1.619,
    -2.089, -1.108, -2.649, -1.619, 1.377, -1.955, 1.782, -1.801,
    0.684, 1.495, 1.089, 1.936, -2.407, -1.108, -1.396, -2.089,
    -1.396, -2.649, -1.396, -1.619, -3.411, -1.619, -1.619, -2.089,
    -2.494, -2.312, -1.396, -1.108, -1.108, -1.108, -1.108, -1.619,
    -1.108, -2.207, -2.207, -2.089, -1.955, -2.900, -1.108, -1.108,
    -1.619, -1.108, -1.396, -2.649, -1.396, -1.108, -1.108, -2.407,
    -1.108, -1.801, -1.108, -3.377, -1.108, -2.207, -1.108, -1.396,
    -1.108, -1.619, -1.108, -1.714, -1.619, -1.619, -1.108, -1.108,
    -1.108, -1.955, -1.108, -1.108, -1.108, -1.396, -1.396, -1.108,
    -1.108, 1.089, -2.575, -1.396, -1.108, -1.801, -0.926, -1.619,
    -1.396, 1.084, -1.619, -1.619, -1.108, -1.108, -2.089, -1.108,
    -2.089, 3.704, 1.089, -2.649, -2.494, 1.089, -1.619, -1.108,
    -1.108, 1.782, 1.377, 3.209, -1.955, -2.089, -1.396, 2.276,
    -1.801, -1.108, -1.396, 1.089, 2.881, 3.223, 1.377, 1.377,
    -2.407, -1.955, -1.619, -1.108, 2.188, 1.936, -1.108, -1.955,
    -1.801, -3.305, -1.108, -1.619, -2.954, -1.396, -1.108, -1.108,
    1.377, 2.070, 1.089, 1.089, -1.619, -1.619, -1.396, -1.108,
    -1.108, -2.089, -1.108, -1.396, -1.396, -1.108, -2.407, -1.801,
    -1.108, -1.108, -1.108, -1.108, 1.089, -2.089, -1.396, -1.108,
    -2.494, -1.108, -1.108, -1.396, -1.108, 3.249, 3.249, 1.089,
    1.089, -0.520, 1.194, -2.900, -2.782, -1.108, -1.801, -1.108,
    -2.494, -2.407, -2.575, -2.407, -1.108, -2.954, -1.396, -1.801,
    -1.955, -1.108, -2.089, -1.108, -1.108, -1.108, 0.971, 1.377,
    -1.396, 0.838, 1.243, 0.907, 1.495, -2.312, -1.108, -1.108,
    -2.089, -1.396, -1.619, -1.108, -2.089, -1.801, 0.779, 1.089,
    -1.108, -1.108, -1.619, -2.089, -1.108, -1.108, -1.108, -0.629,
    -0.549, 0.501, 1.600, -1.801, -1.108, -1.396, -2.207, -2.407,
    -1.108, -1.108, -2.612, -1.396, -1.108, -1.396, -1.619, -1.619,
    -1.801, -1.108, -2.207, 1.263, -1.396, 1.600, -0.842, -1.108,
    -1.396, -1.619, -1.801, -1.907, -1.396, -1.108, -1.396, 1.089,
    -1.955, -1.396, -1.619, -1.955, -1.108, 1.377, 1.089, 1.377,
    -1.108, -2.782, -1.108, -1.396, -1.108, -1.108, -1.619, -1.396,
    1.089, -3.342, -1.396, -1.955, -2.089, -1.619, -1.108, -1.619,
    -1.108, 2.070, -1.955, -1.801, -1.396, -1.021, -1.801, -1.108,
    -1.108, -1.396, -1.108, -1.108, -1.396, -1.108, -1.108, 1.936,
    -1.108, -2.494, -1.108, -1.108, -1.955, -1.801, -1.108, -1.108,
    1.089, -2.207, -1.396, -1.108, -1.108, -1.801, -1.396, -1.619,
    -1.396, 2.246, 1.089, 0.684, -1.108, -1.108, 3.209, 1.089,
    2.188, 2.475, -1.514, -3.673, -3.506, -1.619, -1.619, -1.396,
    1.089, 1.089, -1.108, -1.396, -1.108, -1.619, -1.108, -2.575,
    -1.108, -1.396, -1.801, 1.377, -1.396, -1.396, -1.955, -1.396,
    -1.108, -1.108, -1.108, 1.600, 1.089, -2.089, -1.619, 1.089,
    1.089, -2.312, -1.108, -0.652, 1.600, -1.108, 1.600, -3.531,
    -2.312, -1.108, 1.089, 1.089, 2.555, 1.243, 1.495, 2.629,
    2.293, 1.214, -2.575, -1.801, -2.312, -1.955, -2.407, 1.089,
    -2.089, -2.407, -1.619, 1.089, -1.396, -1.108, -1.396, -1.396,
    -2.494, -1.108, -1.801, -1.108, -3.767, -1.108, -2.407, -1.108,
    -2.575, -2.718, -1.108, -2.843, -2.718, -4.498, -1.955, -1.955,
    -1.108, -1.619, -1.108, -1.881, -2.207, -1.108, 2.555, -1.108,
    2.070, 2.475, 1.782, 1.089, 1.377, 1.600, 1.089, 1.089,
    1.377, -1.108, -1.619, 2.388, -2.207, -1.955, -1.801, -1.108,
    -1.108, -1.108, 1.377, 1.936, 1.782, -1.955, 1.936, 1.089,
    1.782, -1.619, -2.782, -1.108, -1.108, -1.619, -1.801, -1.619,
    -1.619, 2.188, 2.070, -1.619, -1.396, -1.108, -1.108, -1.108,
    1.377, 1.089, -1.619, -1.108, -1.108, -2.312, -1.396, -1.108,
    1.089, -2.089, -1.396, -1.108, -1.619, -1.396, -1.108, -0.703,
    -1.108, -2.782, -1.108, 2.881, 1.089, -1.619, -1.108, -1.108,
    -1.396, -1.108, -1.108, -1.108, -2.954, -1.619, -1.396, -1.396,
    -1.108, 1.782, 1.782, 1.089, 1.089, -1.396, 0.684, -1.514,
    -3.054, -2.089, -2.207, -1.955, -1.108, -1.108, 1.089, -3.101,
    -1.619, -1.108, -2.312, -1.396, -1.955, -1.108, 1.600, -0.703,
    -1.108, 1.600, -0.703, -1.108, 1.600, -1.801, -1.619, -2.649,
    -1.108, -1.108, -3.145, -1.108, -1.801, -2.494, -1.619, -1.108,
    -1.396, -1.108, -1.619, -1.619, -1.108, -1.801, -4.137, -1.619,
    -2.089, -2.089, -1.619, -1.619, -1.108, -1.955, -1.619, -3.054,
    -1.108, -1.108, -1.108, -1.619, -1.801, -2.089, -1.108, -1.108,
    0.684, 1.089, -3.268, -1.619, -1.396, -1.955, -1.801, -1.619,
    2.986, -2.782, -1.396, -1.108, -1.108, -1.108, -1.396, -1.514,
    -1.108, 1.089, -3.188, -1.619, -1.108, -1.396, -1.619, -1.396,
    -1.619, -1.108, -1.108, -1.108, -1.619, 1.377, -1.108, 1.089,
    -2.575, -1.619, -1.801, -1.955, -1.108, -1.108, -1.955, -1.108,
    -1.108, 1.377, 1.089, -2.207, -1.396, -1.396, -1.108, -1.619,
    -2.575, -1.108, -1.396, -1.396, -1.955, -1.396, -1.108, -1.108,
    -2.207, -1.396, -3.759, -2.312, -1.396, -2.312, -1.108, -3.005,
    -2.312, -3.101, -1.108, -1.108, -2.312, -2.089, 1.377, -1.108,
    1.020, -2.782, -1.108, -1.619, -2.089, -1.619, -1.396, -1.801,
    -1.801, -2.900, -1.396, -1.396, -1.744, -1.619, -1.108, -4.053,
    -1.108, -1.108, -1.801, -1.108, -1.396, -3.145, -2.089, 1.089,
    1.089, -1.396, -1.396, -1.108, -1.955, 2.454, 2.555, 1.936,
    2.475, -2.207, -1.396, -1.801, 1.089, -1.396, -1.108, -2.843,
    -1.396, -1.108, -1.396, -1.108, 1.600, -1.396, -1.396, -1.801,
    -3.005, -2.089, -1.619, -1.108, -1.396, -3.066, -1.801, -1.108,
    -1.108, -1.108, -1.396, -2.575, -1.108, -1.108, -2.089, -1.619,
    -1.108, -1.108, -1.108, -2.881, -1.619, -1.108, -2.494, -2.089,
    -1.396, -1.396, 2.293, 2.293, -2.089, -1.396, -1.108, -1.619,
    -1.108, 0.684, -1.108, 1.089, -3.475, -1.801, -1.108, -1.619,
    -2.312, -1.108, -1.108, -1.396, 0.946, 1.089, 0.851, 0.684,
    -1.619, 1.782, -1.396, 2.070, -1.396, 1.600, 1.600, -1.108,
    1.089, 2.070, 1.089, 2.188, 1.089, 1.089, 1.089, -2.207,
    1.377, 1.089, -1.108, -1.619, -3.188, -1.108, -1.801, -1.108,
    -2.089, -1.396, -0.560, -1.108, -1.108, -1.619, -1.108, 1.089,
    1.089, -1.619, -2.407, -2.207, -3.305, 2.070, -1.396, -3.228,
    -2.207, -1.619, -1.619, 0.597, 1.243, 1.089, -2.407, -1.801,
    -1.801, -1.396, -1.108, -1.396, -1.955, -2.900, -1.396, -1.108,
    1.936, 1.782, 1.377, -1.619, -1.108, -1.108, -1.108, -2.207,
    -1.086, -1.396, -1.108, -1.331, -1.108, -1.108, -1.396, 1.089,
    1.377, -1.396, -1.955, -1.108, -1.108, -1.396, 1.377, 1.194,
    1.377, -1.108, -2.649, -1.396, -2.494, -1.108, -1.108, -1.108,
    -1.108, -1.108, -1.619, -1.108, -1.619, 1.377, -1.108, -1.108,
    -1.108, -1.396, -1.108, -1.619, -1.037, 2.698, -1.108, -1.108,
    1.089, -1.955, 1.600, -1.108, 1.377, -1.396, -1.108, -1.108,
    -1.801, -1.108, -1.108, -1.714, -1.108, -1.396, -1.619, -1.108,
    1.600, 2.293, -1.108, -2.813, -2.207, -1.955, -1.108, -1.108,
    -1.108, -1.108, -1.801, -1.108, -0.703, 1.089, -1.396, -1.108,
    -1.396, -1.108, -1.396, 2.763, 1.089, 1.089, 1.089, 1.089,
    -1.108, 0.832, -1.619, -1.619, -1.108, -1.108, 3.081, 1.089,
    2.388, 2.475, 1.089, 2.070, 2.388, 1.089, 2.665, -1.396,
    2.824, 1.089, 1.089, -1.108, 1.243, -1.108, -1.108, 1.089,
    1.782, 2.070, -1.108, 3.081, 1.600, 1.377, 1.377, 3.126,
    2.881, 2.475, -1.108, -1.514, -0.520, 1.089, -4.440, -1.108,
    -1.108, -2.575, -1.619, -1.108, -1.108, -3.054, -1.801, -1.108,
    -1.955, -1.108, -1.396, 1.695, -0.703, 1.089, 1.377, -1.108,
    -1.108, -1.108, -1.396, -2.954, -2.089, -1.108, -1.108, -1.108,
    -1.108, -1.173, -1.396, -1.619, -1.396, 0.883, -1.108, 2.824,
    1.089, 1.936, 2.388, 1.936, 0.907, -1.108, -1.108, 1.600,
    -3.054, 1.936, 1.089, 2.824, 1.089, 1.600, -2.718, -1.108,
    -1.108, -1.108, -1.108, -1.214, 1.089, -1.108, -1.108, -4.153,
    -1.108, -1.108, -1.396, -1.396, -1.801, -1.108, -2.575, -1.108,
    -1.396, -2.782, -3.747, -2.207, -3.054, -1.108, -1.396, -1.108,
    -1.619, -1.108, 1.125, 1.936, -1.108, -0.703, -1.955, -1.955,
    -1.619, -1.108, 1.782, 2.351, -2.494, -1.108, 0.907, -0.703,
    -1.108, -1.396, -2.494, 3.104, -1.108, -1.396, -1.396, -2.207,
    -1.108, -2.089, 0.684, -1.108, -1.108, 3.081, 1.782, 1.377,
    1.089, 1.782, 1.089, -2.649, -1.801, -1.108, -1.396, -1.108,
    1.299, -0.926, 2.388, -1.108, -1.396, -1.108, 1.089, 1.002,
    1.089, -1.619, -2.407, 2.935, -1.108, 1.294, 1.936, 1.089,
    1.600, 1.695, -1.955, -1.108, 1.936, -1.396, -2.494, -1.396,
    -1.396, -1.619, -1.108, 3.942, 1.089, 2.188, 1.782, 1.600,
    1.089, 1.089, 2.293, 2.293, -1.396, -1.108, -1.396, -1.396,
    1.089, 1.089, 1.089, -0.857, -1.619, 2.388, -0.703, -1.108,
    -1.108, -1.801, -1.108, -1.396, 1.600, -1.801, -1.108, -1.108,
    -2.089, -1.108, -1.108, 1.089, 3.358, 1.782, 1.377, 2.629,
    1.600, -1.108, -1.108, 2.188, 1.377, 1.600, -2.089, -1.396,
    -1.108, -1.108, -2.089, -1.955, -1.108, -1.619, -2.575, -1.108,
    -1.396, -1.108, -1.108, -2.312, -1.108, -1.108, -1.396, 1.377,
    1.377, -1.108, -1.108, -1.955, -1.801, -1.108, -1.619, -1.108,
    0.708, -1.801, -1.108, 1.243, 1.936, 1.089, 1.089, 1.089,
    0.684, 1.782, -3.188, -1.955, -1.396, -2.494, -1.801, -1.396,
    -1.801, -1.396, -1.108, -1.801, -1.108, -1.108, 1.089, -1.396,
    1.404, 2.763, -0.703, -0.703, -2.361, -2.782, -1.108, -1.108,
    2.070, -1.955, -1.801, 2.131, 2.188, 1.377, 1.089, 1.600,
    1.377, 1.377, 1.685, 2.629, 1.600, 1.089, -2.207, -2.207,
    -1.619, 1.377, 2.005, 1.695, -0.703, -1.619, -2.089, -1.955,
    -1.108, -1.108, 1.089, 1.600, -1.461, 1.936, -2.407, 1.936,
    -5.219, -2.575, 2.111, -1.801, 2.131, -1.108, 1.312, -1.619,
    -1.108, -4.244, 1.089, -1.108, -3.342, -1.108, -2.312, -1.108,
    -2.407, -1.396, -1.396, 1.600, -1.396, -1.396, -1.396, -1.108,
    -1.108, -1.108, -1.955, 1.823, -1.955, -0.520, -1.801, -1.108,
    -1.955, -1.619, -1.108, -1.108, 1.089, 1.243, -1.801, -1.108,
    -1.108, -1.108, -0.783, 1.695, -1.108, -1.108, -1.801, -1.396,
    1.377, -1.108, -2.649, -2.207, 1.377, 1.782, -1.108, 1.412,
    1.600, -1.108, -2.782, -0.926, 1.600, 1.377, 2.188, -2.575,
    1.089, 1.089, -1.108, -1.801, -1.108, -1.619, -1.396, -1.108,
    -1.108, -1.396, -1.108, -1.396, -2.649, -0.703, -2.407, -1.108,
    -2.782, 1.089, 1.089, -1.619, -1.955, -2.649, -1.801, 2.555,
    -1.619, -1.108, -2.407, -1.514, 2.629, 1.936, -1.801, -1.955,
    -1.619, 1.089, -3.268, -1.108, -1.619, -1.108, -1.801, -1.108,
    -1.396, -1.108, -1.801, -1.619, -1.396, -1.396, -1.108, -1.780,
    -1.396, -1.801, -1.619, 1.377, -1.619, -3.005, -1.108, -1.108,
    -1.619, -1.108, -3.188, -2.089, -1.108, -1.108, -1.801, -1.955,
    -1.108, -3.860, -2.575, -1.108, -1.396, -1.619, -1.108, -1.108,
    -1.396, -1.108, -1.108, -1.108, -0.520, 1.377, 1.089, 1.089,
    1.600, -1.396, -2.287, -1.108, -4.120, -1.396, -1.801, -1.108,
    -1.396, -2.089, -1.396, -2.900, -1.619, -1.108, -1.396, -1.619,
    -1.108, -1.801, -1.955, -1.619, -1.108, -1.619, -1.108, -1.619,
    -2.207, -2.718, -1.396, 1.089, -2.718, -1.801, -1.396, -2.782,
    -1.801, -1.396, -1.619, -1.619, 1.089, 1.377, -1.396, -1.801,
    -1.108, -3.342, -1.396, -1.619, -2.407, 1.377, -1.108, -1.801,
    -1.396, -1.396, -1.108, -2.207, -1.619, -1.619, -1.619, -1.108,
    -2.312, -3.536, -1.801, -2.718, -1.108, -3.054, -2.207, -1.108,
    -2.207, -1.108, -1.396, -1.108, -1.396, -1.879, -1.931, -1.108,
    -1.619, -1.801, -1.108, -1.108, -1.801, -1.619, -1.108, -1.619,
    -2.207, -1.955, -1.108, -1.396, 0.684, -1.108, -3.145, -2.312,
    -1.108, -1.801, -1.108, -1.108, -1.396, -1.801, -2.312, -2.207,
    -3.475, -1.619, -1.619, -1.619, -3.411, -2.954, -1.108, -1.108,
    -1.396, -2.452, -1.108, -1.108, -1.108, -1.619, -1.108, -1.108,
    -1.619, -3.816, -3.747, -1.108, -1.108, -1.619, -1.396, -1.108,
    -1.801, -1.108, -1.108, -0.569, -1.108, -1.108, 1.495, -1.955,
    -1.108, 1.089, 1.089, -1.108, -0.703, -1.396, 1.089, -1.514,
    -1.108, -1.396, -1.108, -1.801, -1.108, -1.396, -1.108, -3.101,
    -1.108, 2.070, -1.108, -1.108, 1.089, 1.377, -1.108, -2.312,
    -2.207, -1.396, -1.619, -1.396, -1.396, -1.108, 0.956, -1.801,
    -2.535, 1.089, -2.089, -1.108, -1.108, 2.293, -1.108, 1.089,
    -1.108, -1.108, -1.108, 0.989, -1.108, -1.619, -1.396, 2.070,
    1.936, -1.801, -1.801, 1.089, 1.377, -3.054, -1.801, -1.619,
    -1.108, 2.881, -1.108, -2.292, -2.649, -2.494, 2.475, 1.002,
    2.131, -1.108, 1.695, 1.089, -1.108, -1.262, -1.108, -1.801,
    1.457, -2.494, 1.377, 1.089, 2.038, -2.207, -1.108, 1.089,
    -1.108, -1.039, -1.619, -1.108, -2.089, 2.188, -1.108, -1.108,
    -2.089, 1.089, -2.843, -0.520, -1.108, -1.955, -1.396, -1.396,
    0.907, -1.108, -1.108, -1.396, -1.108, -1.396, -1.108, 1.089,
    -1.396, -1.108, -1.108, -1.108, 1.600, 2.388, -1.801, -1.108,
    1.089, -1.108, 1.089, -1.955, -1.108, -1.396, 1.089, -1.108,
    -1.108, -2.207, 1.089, -1.396, 2.224, 1.020, 1.600, 2.475,
    -0.703, -1.108, -0.926, 1.089, -1.396, -2.089, -1.396, -1.108,
    -3.101, -1.396, -2.089, -1.108, 1.089, -2.843, -2.494, -2.494,
    -1.108, -1.108, -2.207, -1.619, -1.345, -1.619, -1.108, -1.108,
    -1.955, -2.407, -1.108, 1.377, 1.377, -3.005, -1.619, -1.619,
    -1.108, -1.108, -2.207, -1.801, -1.619, -2.089, -1.108, -1.108,
    -1.108, -3.881, -1.108, -1.619, -1.396, -1.108, -1.108, -3.268,
    -1.108, -1.396, -1.108, -2.312, -1.396, -1.396, -2.089, -1.108,
    0.838, 1.600, 1.089, 2.475, 1.600, 1.089, -2.407, -1.396,
    -1.396, -1.714, -1.108, -1.396, -1.550, -0.990, -1.801, -1.955,
    -1.801, 0.728, -1.619, 3.775, 1.936, 1.089, -1.801, 1.885,
    1.377, 2.070, -2.207, 2.070, -1.396, 1.377, 2.475, -1.557,
    -1.619, 2.763, -2.312, -1.396, -1.619, -2.089, -1.396, -3.999,
    -1.108, -1.801, -2.494, -2.089, -1.396, -1.396, -1.108, -1.108,
    -1.396, -1.108, -1.108, -1.108, -2.954, -1.108, -1.108, -0.520,
    -1.108, -0.926, -1.619, -1.108, 1.600, 1.377, -1.108, -1.108,
    1.169, 2.293, -1.801, 1.782, 1.377, 1.377, 1.782, 1.782,
    -1.396, 1.089, -1.108, -1.108, -0.990, -1.955, -1.801, -1.108,
    -1.396, -1.108, -1.108, -1.108, -1.108, -1.619, -2.407, -1.619,
    -1.108, -1.396, -1.108, 1.243, 1.089, -1.108, 1.531, 1.936,
    -1.955, -1.108, -1.396, -1.108, -1.801, -1.396, -1.396, -1.108,
    -2.089, -1.955, -1.108, -1.396, -2.089, -1.108, 2.629, 1.377,
    -1.955, -1.108, 2.388, 0.971, 1.936, 1.862, 1.936, 1.089,
    1.782, 1.089, 1.089, -1.801, -2.649, -1.955, -1.396, -1.396,
    -1.108, 1.377, 1.377, -2.494, -2.089, -1.108, -1.108, -1.955,
    -1.396, -1.108, 2.418, 1.782, 2.388, 1.377, 1.782, 1.600,
    1.089, -1.108, -1.396, -0.926, -1.108, 1.936, -1.619, 1.782,
    1.600, -1.744, -1.108, 2.188, -2.718, -2.312, 1.907, 0.588,
    1.377, -1.108, -1.396, -1.619, -1.801, -1.955, 1.377, 1.600,
    1.002, -1.619, -2.207, -1.108, -1.619, -1.108, -1.108, -1.108,
    2.951, -1.396, 1.600, 3.631, 2.188, -1.108, -1.108, -1.108,
    -2.089, -1.108, -1.396, -1.108, -1.619, -1.108, -1.955, -1.242,
    -1.396, -2.207, -1.108, 1.089, -1.108, -1.396, 1.377, -2.207,
    -1.619, -1.108, -3.030, -1.619, -1.108, -1.396, -1.108, -2.312,
    -1.108, -1.108, -1.108, -2.312, -1.619, -1.108, -2.843, -1.619,
    -1.396, -1.396, -2.207, -2.207, -1.108, -1.108, -1.021, -1.396,
    -1.108, -1.801, -1.108, -1.396, 2.070, -2.089, -1.396, -1.108,
    -1.108, -1.108, -2.089, 1.377, -1.396, -1.108, -2.089, -1.108,
    -1.108, -2.900, -1.396, -1.108, -1.396, -2.312, -2.089, -1.396,
    -1.108, -1.108, -1.108, -3.005, -1.108, -1.108, -1.801, -1.396,
    -1.619, -1.108, -2.089, -1.396, -1.108, -2.575, -2.207, -1.396,
    -1.955, -1.801, -1.108, -1.108, -1.619, -1.619, -1.396, -1.759,
    -1.619, -1.619, -1.619, 1.377, -1.396, -1.396, 1.782, -2.407,
    -1.955, -1.619, -1.108, -1.619, -0.990, -1.619, -1.108, -2.843,
    -1.619, 1.531, 0.817, 1.377, -1.619, 1.089, 1.936, -1.108,
    -1.550, -1.396, 1.089, 1.782, 1.243, 1.600, -4.366, -1.108,
    -2.089, -1.396, -1.396, -1.396, -1.619, -1.619, -1.955, -1.396,
    -1.619, -1.108, -1.108, -2.312, -2.207, 1.325, 1.600, 2.188,
    1.936, 1.089, -1.619, -1.396, -1.801, -1.801, -1.801, 3.392,
    1.089, -0.926, -1.881, -1.955, 1.377, 1.089, 1.600, -3.388,
    -1.955, -2.782, -3.287, -2.089, -2.407, -1.108, -1.108, -1.108,
    -1.619, -1.396, -1.108, -1.619, -1.396, 1.377, 1.089, -0.629,
    -1.396, 1.377, -1.108, -1.108, -1.309, -1.396, -1.619, -1.396,
    -1.108, -1.396, -2.312, -1.108, 1.089, -1.108, -1.108, -2.207,
    -1.108, -1.955, 1.481, 0.738, 2.070, 1.377, -0.703, 1.695,
    1.377, 2.388, 1.936, 1.089, -1.396, 1.089, 1.600, 3.654,
    2.005, 2.665, 1.377, 1.377, -1.801, -1.881, -1.396, 2.475,
    1.089, 1.377, 1.089, -1.108, -1.108, -1.801, 1.936, -1.108,
    -2.575, -1.108, -1.396, 2.629, 1.089, -1.108, -1.108, -2.089,
    -1.108, -1.801, -2.312, -1.108, -1.108, -1.108, -2.312, -1.619,
    -1.108, -1.108, 2.935, 2.881, -2.312, -1.108, -1.396, -0.536,
    -2.312, -0.520, -2.089, 2.070, -1.108, 1.936, 1.089, 1.782,
    -1.108, -1.955, -1.108, -1.108, -1.955, -1.801, -1.801, -2.089,
    -1.108, -1.108, -1.801, -1.108, -2.261, -1.445, -1.396, -1.108,
    1.089, -2.312, -1.801, -1.619, -2.407, -2.089, -1.108, -1.881,
    -2.494, -1.955, -1.108, -0.897, -1.396, -0.520, 1.089, -2.407,
    -1.396, -1.396, -1.108, -1.108, -0.660, -1.396, -1.108, -1.108,
    -1.396, -0.857, -0.926, 2.070, 1.089, -1.801, -1.396, 2.342,
    1.936, -1.619, -1.108, -1.396, -2.575, -1.396, -1.108, -1.396,
    -1.108, 1.089, -1.396, 1.089, 2.154, 1.089, 1.377, 1.089,
    -1.396, 1.708, 2.698, -1.619, 1.089, 0.684, -1.396, 1.243,
    -1.396, -1.396, 1.377, -1.108, 2.388, 1.089, -1.396, -1.108,
    -1.619, -1.108, -1.108, -1.108, -1.108, 1.377, 1.089, 0.907,
    1.600, -1.801, -1.396, -2.089, -1.396, -1.108, -1.145, -1.108,
    -1.108, -1.108, 1.089, -1.396, 1.089, -1.801, -1.108, 1.377,
    -1.108, -1.108, 1.782, -1.108, -2.407, -1.108, 1.377, -1.955,
    -1.108, -1.108, -1.108, -1.396, -1.108, 0.907, -1.396, -1.108,
    -1.108, -1.108, 1.377, 1.089, 2.555, -1.108, -1.619, -1.108,
    -1.396, -1.108, -1.619, -1.108, 1.600, 1.089, -1.108, -1.108,
    1.377, -1.108, -1.108, -1.108, -1.955, -1.108, -1.619, -3.005,
    -2.089, -1.108, -1.396, -1.108, -1.108, -1.108, -1.108, -1.955,
    -1.108, -1.396, -1.108, -1.619, -1.619, -1.619, 2.388, 1.600,
    1.936, -1.396, -1.619, -1.714, -2.089, -2.494, -1.396, -1.396,
    -2.782, -1.108, -1.801, -1.108, -1.108, -1.396, -3.816, -1.108,
    -1.396, -2.312, -1.396, -1.396, -1.108, -1.108, -1.044, -1.108,
    2.475, -1.619, -1.801, -1.396, 1.782, -1.108, 1.377, -1.108,
    0.982, -1.108, -1.108, 2.763, -1.108, -1.619, -1.955, -1.955,
    0.684, -1.619, -0.703, -1.108, -1.108, 3.601, -1.396, -1.108,
    1.600, 0.907, 1.600, 3.209, 3.058, -2.089, 2.293, 1.936,
    1.782, 1.936, 1.600, -1.108, -1.108, -1.396, -1.108, -1.801,
    -1.108, -1.396, -1.108, -1.108, 1.377, 2.775, 1.194, 2.555,
    3.286, 1.782, -1.396, 1.243, -1.396, -1.619, -1.619, -1.108,
    -2.782, -1.108, -1.108, 1.600, 1.089, 1.437, 1.089, 1.089,
    1.377, 1.377, -1.108, -1.108, -1.233, -1.396, -1.396, -1.619,
    -3.475, -1.108, -1.619, -1.396, -1.108, -1.801, -1.974, -1.108,
    -1.396, -1.108, -1.108, -1.108, -1.108, -1.955, -1.619, -2.207,
    -1.108, -1.108, -1.108, -1.108, -1.396, -1.108, -1.396, 0.684,
    1.089, -1.801, -1.108, -1.801, -1.108, -1.108, -2.718, -1.108,
    -1.108, -1.619, -1.108, -1.108, -1.619, -1.619, -1.108, -1.108,
    -1.396, -1.108, 1.089, 1.782, -1.108, -1.108, -2.089, -1.801,
    -2.494, -2.207, -2.407, -1.108, -1.108, 1.757, -0.857, 1.782,
    1.936, -3.101, -2.089, -1.396, -1.108, -1.108, -3.342, -1.108,
    -1.955, -1.801, -1.108, -1.108, -1.801, -2.843, -1.108, -2.089,
    -1.108, -1.955, -1.108, -1.619, -1.396, -1.108, -1.108, -1.108,
    -1.619, -1.396, -2.150, -1.396, -1.108, -1.619, -1.108, -1.619,
    -1.108, 1.377, -1.108, -1.108, 0.971, -1.108, 2.555, 1.377,
    -1.801, -1.108, -1.108, -1.108, 1.089, 1.936, -0.569, 1.377,
    -1.619, 1.089, 2.131, 1.377, 0.967, 1.089, -2.575, -1.108,
    1.089, 0.550, 1.600, 1.600, 1.600, -1.396, -1.108, 1.089,
    -2.089, -1.108, 3.775, 2.475, 1.089, 1.089, 1.089, 2.475,
    1.600, 1.377, 1.377, 2.070, 1.377, 3.358, 1.089, 2.555,
    2.555, 1.089, 1.089, 1.089, 1.782, 2.388, 1.089, 2.475,
    2.388, 1.089, -2.494, -1.108, -2.718, -1.955, -1.619, 0.626,
    -1.108, -1.108, 1.377, -1.955, -2.407, -1.955, -1.396, 2.070,
    -1.108, -1.396, -2.207, -1.955, -2.718, 1.089, 3.487, -1.108,
    -1.619, -1.108, 0.971, -1.108, -1.396, -1.619, -1.108, -1.619,
    -1.396, 1.377, -1.108, -2.843, 1.936, 0.907, 1.600, 2.188,
    -1.396, -1.619, 2.935, -1.396, 1.089, -1.619, -1.108, 1.377,
    -1.396, -1.108, -1.108, -1.396, -1.108, -1.396, -1.108, -1.801,
    0.587, 2.824, 2.475, 1.089, 2.804, 1.377, 1.089, -1.396,
    -1.108, 1.377, 1.243, 2.881, -2.312, 3.704, -1.108, -0.703,
    -1.108, -1.619, -0.820, -1.108, 1.089, -1.396, -1.108, -1.396,
    -1.396, -1.396, -1.108, 1.600, 1.089, -2.089, -1.396, -1.396,
    -1.108, -1.801, -1.396, 1.600, -2.600, -1.801, -1.108, -1.619,
    -2.494, 1.089, 1.754, 1.782, 1.089, 1.223, 1.600, 1.089,
    1.089, -1.108, -1.396, -1.108, -1.619, -1.396, -1.108, -1.108,
    -1.108, -1.108, -2.089, -1.801, -1.619, -1.619, -1.108, -1.108,
    -1.108, 1.936, -1.108, 1.290, 1.089, -1.108, -1.801, -1.108,
    1.377, -1.108, -1.550, -1.619, 1.089, -1.801, -3.228, -1.108,
    -2.312, -1.108, -0.703, -1.108, -1.108, 1.089, -1.108, -0.926,
    -1.396, -1.108, -1.108, 1.089, 1.377, 1.089, 2.188, 0.907,
    2.293, 1.089, 1.936, -0.703, -1.108, 1.089, 1.243, 2.388,
    -0.677, -1.396, -1.108, 1.377, -1.108, -1.108, 1.600, 1.089,
    -1.955, -1.108, -1.396, -2.718, -1.108, 2.516, 1.089, 1.089,
    -0.671, -1.396, -1.108, -1.396, -1.108, -1.619, 1.936, 1.089,
    1.089, -2.312, -1.396, -1.108, -1.619, -1.396, -2.089, -2.089,
    -1.108, -1.801, -1.396, -2.207, -1.396, -1.396, -2.407, -2.312,
    -1.815, -1.108, -1.396, -1.108, -1.396, -1.108, -1.108, -1.108,
    -1.396, -1.619, -1.108, -1.108, -1.108, -0.763, 1.089, -1.955,
    1.377, -1.108, -1.714, -1.108, -1.108, -0.926, -1.108, -1.396,
    -1.619, -1.108, -1.396, -1.108, -1.396, -1.108, -1.801, -1.396,
    -1.108, -2.207, -1.801, -1.396, 1.089, 1.089, 1.377, -1.396,
    -1.396, -3.228, -1.108, -1.801, -1.108, -1.801, -0.660, -2.312,
    1.089, -1.619, -1.108, 1.725, 1.600, -2.207, -1.108, -1.108,
    1.782, 1.089, -1.619, -1.108, -2.089, -1.108, -1.108, -1.108,
    -1.801, -1.108, -1.396, -1.108, -2.312, -1.396, -1.619, -1.108,
    -1.619, -1.108, -1.108, 1.089, -1.108, -1.039, -2.089, 0.907,
    -1.233, -1.108, -1.396, -1.108, -1.108, -1.108, 1.377, -1.108,
    1.377, -1.619, -1.108, -1.108, -1.396, -1.619, -1.108, 1.600,
    -1.619, -1.619, -1.801, -1.396, 2.293, 1.089, -1.108, -1.108,
    -1.108, -0.990, -1.396, -1.108, -1.619, 1.089, 2.388, 1.089,
    2.293, -1.396, -1.108, 1.649, 1.089, 1.089, 2.475, -1.396,
    -1.108, 1.782, -1.108, -1.396, -1.108, -1.396, -1.955, -1.396,
    -0.597, -1.396, -1.801, -1.801, -1.108, -1.396, 2.475, 1.782,
    1.782, -1.396, -1.108, -1.955, -1.108, -1.108, -1.108, -1.801,
    -1.396, -2.407, -1.108, -1.108, -1.955, 1.377, 2.475, -1.396,
    -1.108, 1.782, -1.108, 1.169, -1.108, -1.619, -3.054, -1.108,
    -1.619, -1.108, -1.108, 1.290, -2.494, 1.936, 3.392, -0.926,
    1.089, 1.936, -1.108, -1.108, 0.684, -1.801, -1.108, 2.555,
    1.600, 2.188, 1.089, 2.555, 1.377, 1.377, -2.089, 2.070,
    2.070, -0.520, -1.108, -1.619, -1.108, -2.575, -1.108, -1.396,
    -1.108, 1.169, 1.782, -2.089, -1.396, -1.396, -1.108, -1.108,
    -1.108, -1.619, -1.619, -1.801, -0.926, -1.108, -1.396, -1.108,
    1.377, -2.718, -2.312, -2.089, -2.207, -1.108, -2.750, -1.396,
    -1.108, -1.108, 0.684, 1.600, -1.955, -0.569, -1.396, -1.619,
    -1.396, 1.089, 1.089, -1.108, -2.089, -1.396, -1.619, -1.108,
    -0.660, -2.089, -1.619, 1.089, 1.089, -1.396, -1.108, -1.396,
    -2.207, -1.955, -1.396, -1.801, -1.801, -2.207, -1.108, -2.649,
    -1.396, -1.108, -1.108, -1.801, -1.396, -2.312, -1.108, -1.801,
    -1.396, 0.918, 1.936, -2.089, -1.801, -1.108, 1.815, -1.108,
    -3.054, -1.396, -1.108, -1.108, -1.108, -1.108, -1.108, -1.108,
    -1.396, -1.108, -1.108, -1.108, -2.407, -1.396, -1.108, -0.703,
    -3.101, -2.089, -1.396, -2.089, -1.619, -1.108, 1.089, 1.089,
    -0.703, 1.377, -1.108, 1.089, -1.619, 1.089, 2.388, -1.801,
    0.684, -1.108, -1.108, -1.396, -1.396, -2.207, -1.108, -1.619,
    -1.108, -1.108, -1.108, -1.955, -1.619, -1.619, 1.089, -1.396,
    -1.108, -1.108, -1.619, -1.396, -2.207, -1.108, -1.108, -2.089,
    -1.396, 2.388, 2.188, -1.108, 1.936, 1.089, -2.954, -1.955,
    -1.801, -3.054, -1.108, -1.108, -1.108, -1.108, -3.101, -1.955,
    -1.108, -3.827, -1.108, -1.108, -1.108, -1.108, -2.718, -1.396,
    -1.396, -1.108, -1.955, -1.396, -1.108, -1.955, -1.955, -1.619,
    -1.108, -3.747, -1.396, -1.108, -1.396, -1.396, -1.108, -1.619,
    -2.494, 1.089, -2.750, -1.108, -2.494, -1.108, 1.154, 1.089,
    -1.396, 2.388, -1.108, 2.188, 1.089, 1.377, -1.801, -1.108,
    -4.070, -1.108, -1.108, -3.228, -1.108, -1.396, -1.108, -1.396,
    -2.207, -2.312, -1.955, -1.619, -1.108, -1.108, -1.108, -1.396,
    -1.396, -1.108, -0.703, -1.955, -1.396, -1.108, -2.782, -1.108,
    -1.108, -2.089, -1.108, -0.638, -1.108, 1.377, -2.207, -1.108,
    -1.108, -1.108, -1.619, -1.619, -1.108, 1.377, -1.619, -1.108,
    -3.536, -1.619, -1.108, -1.108, -1.108, -3.593, -1.801, -1.619,
    -1.108, -1.396, -1.108, -1.396, -1.396, -2.089, -2.089, -2.575,
    -1.108, -1.619, -1.108, -1.801, -1.955, -1.619, -1.955, -1.396,
    -1.801, -1.108, 1.936, -1.396, -1.108, 1.862, -1.108, 2.555,
    -1.619, -1.108, -1.108, -1.396, -1.108, -1.396, -2.649, 1.936,
    1.089, 2.555, 1.089, 2.188, 2.293, 1.089, 1.089, 1.089,
    -1.108, -1.619, -1.396, -1.801, -1.108, -1.108, -1.396, -1.108,
    -1.955, -1.108, -1.619, -2.312, -1.619, 0.684, 1.089, -1.396,
    -2.089, -1.108, 1.089, -1.108, 2.293, -1.396, -1.108, -1.396,
    -1.108, -3.188, -1.108, -1.955, -1.801, -1.108, -1.108, -1.955,
    -1.108, 1.600, -1.619, -1.619, -1.108, -1.955, 1.377, 1.089,
    -1.619, -2.089, 1.600, -1.108, 1.600, -0.520, 0.529, 0.838,
    0.684, -1.619, -1.108, 1.089, 2.188, 1.600, -1.619, -2.407,
    2.188, 1.888, 1.089, 1.600, 1.600, 2.922, 2.908, -1.801,
    -1.396, -1.108, -2.407, -2.089, -1.396, -1.955, -1.108, -3.377,
    -1.619, -1.108, -1.108, -1.619, -1.108, -1.108, -1.619, -1.619,
    -1.108, -1.108, -2.207, -1.396, -0.703, -1.619, -2.089, -1.955,
    -1.108, -2.207, -1.108, -1.108, 1.089, -1.108, -1.108, 1.782,
    -1.108, -1.396, -1.955, -1.108, -3.188, -1.801, -1.108, -1.396,
    -1.801, -2.407, -1.108, -1.108, -1.108, -1.108, -1.955, -1.955,
    -1.955, -1.619, -1.396, -2.649, -1.396, -1.108, -1.801, -1.108,
    -1.108, -1.108, -1.396, -1.262, -1.801, -1.619, -1.108, -1.955,
    -1.108, -1.108, -1.396, -1.619, -1.619, -1.108, -2.782, -1.801,
    1.600, -1.801, -1.396, -1.396, -1.396, -1.108, -1.108, 2.045,
    -1.108, -2.494, -1.396, -1.108, -1.108, -1.108, 2.188, -1.619,
    2.555, -1.108, -2.089, -2.207, -1.108, 2.293, 1.377, 1.600,
    -2.207, -1.108, 0.907, -1.108, -1.476, -1.108, -1.108, -1.955,
    -1.396, -0.857, -1.801, -2.207, -1.108, -1.152, -1.396, -1.955,
    -1.396, -1.108, 1.377, -1.108, -1.396, -1.396, 2.070, -2.089,
    1.782, 1.377, 2.070, -4.087, -1.108, -1.396, -1.955, -1.619,
    -1.108, -1.108, -1.396, -1.108, -1.619, -1.108, -2.312, -1.108,
    -1.801, -1.108, -1.108, -1.108, -1.108, -1.108, -1.801, -1.619,
    -1.396, 1.089, -1.396, 1.089, -1.801, -1.396, 0.929, -1.396,
    1.089, 2.188, 1.600, -1.801, -1.396, 1.377, 1.089, 1.089,
    -0.569, -1.955, 1.089, -1.108, 2.005, 1.089, -2.089, -1.108,
    -1.396, -1.108, -1.619, -1.108, 1.782, 1.089, 1.377, -1.108,
    -1.801, -2.718, -1.108, -1.396, -1.396, -1.619, -2.954, -1.801,
    -1.801, -3.377, -1.108, -1.396, -1.108, -1.108, -1.108, -1.396,
    -1.619, -1.108, -2.089, -1.108, -1.108, -1.568, -1.108, -1.108,
    -1.396, -1.108, -1.801, 1.089, 1.089, -1.801, -3.188, -1.619,
    -1.396, -1.396, -1.396, -3.268, -1.396, -1.108, -1.108, -1.801,
    -1.108, -1.108, -1.108, -2.407, -1.108, -1.396, -2.575, -1.108,
    -1.396, 1.089, -2.575, -2.207, -1.955, -1.108, 1.782, 1.089,
    1.089, -1.108, 1.600, -1.801, -1.801, 1.089, -1.108, -1.108,
    -0.703, -1.108, -1.108, 1.089, -3.228, -1.108, -1.396, -1.801,
    -1.108, -2.575, -1.108, -1.108, -1.108, -1.108, -1.108, -1.108,
    -1.108, -0.549, -1.801, 1.600, 1.600, 1.089, 1.089, -1.108,
    -1.396, -1.396, 0.684, -3.228, -1.108, -1.108, -1.396, -1.108,
    -1.937, -1.108, 1.089, -2.407, -2.407, -2.718, -2.494, -1.396,
    1.782, -1.396, 1.089, -1.801, 1.377, -1.396, -2.649, -1.396,
    -1.108, -2.494, -1.108, -1.396, -1.108, -1.396, -1.108, -2.312,
    -1.108, -1.396, -1.396, -1.108, -1.108, -1.108, 1.089, 1.089,
    -2.089, -1.955, -1.396, -1.108, -1.108, -1.108, -1.108, -1.108,
    -1.396, -1.108, -1.514, -1.108, -1.108, -1.108, -1.108, -2.494,
    -2.494, -1.108, -1.619, -1.108, 1.089, -2.261, -1.801, -1.108,
    -1.108, -1.881, -1.108, -1.108, -1.108, -1.108, 1.329, 1.600,
    -1.108, 1.089, -1.108, 1.089, 1.089, -1.619, 1.089, 1.089,
    -1.108, 1.089, -3.411, -1.396, -1.108, -1.396, -1.108, -2.407,
    -3.145, -1.396, -1.396, -1.396, -1.108, -1.021, -1.108, 2.188,
    2.188, -1.108, -1.108, -2.407, -2.312, -1.108, -1.801, -1.108,
    2.188, 1.089, 1.600, -0.926, -1.108, -1.108, -1.396, -1.195,
    -1.108, -2.782, -1.396, -1.955, -1.955, -1.108, -1.801, -1.619,
    -1.108, -1.619, -1.108, -1.396, 1.089, -1.396, -1.108, -1.684,
    -2.718, 1.377, -1.108, -1.396, -1.396, -1.396, -1.396, -1.396,
    -1.396, -1.619, -3.747, -2.089, -2.312, -1.396, -1.396, -1.619,
    -1.108, -1.108, -1.108, 1.600, -2.649, -1.396, -1.801, -1.108,
    -1.108, -2.089, -1.108, -1.108, -1.108, -1.108, -1.396, -1.955,
    0.684, 1.089, -1.396, 0.684, 1.600, 1.089, -2.089, -1.108,
    -1.108, -2.900, -2.312, -1.396, -1.801, -1.108, -1.108, -2.782,
    -1.108, -1.619, -1.108, -1.108, -1.108, 1.089, -1.801, -1.108,
    -1.108, -1.619, -1.108, -1.108, -3.342, -1.396, -1.108, -1.108,
    -1.108, -1.619, -1.619, -1.108, -3.005, -1.108, -1.108, -1.108,
    -1.396, -2.207, -1.108, -1.108, -1.396, -1.619, -1.396, -1.108,
    -1.619, -1.619, 0.531, 1.089, 2.433, -2.494, -1.801, -1.801,
    1.089, -1.108, -0.703, 2.763, 2.188, -1.619, 1.089, -1.396,
    2.459, 2.935, 1.377, 1.089, 1.089, 1.377, 1.089, -1.514,
    -1.396, -1.108, -1.396, -1.108, -1.108, 2.388, 2.388, -1.108,
    -1.955, -1.396, -1.619, -1.108, -1.108, -1.396, 1.154, 1.782,
    -1.396, -2.312, -1.619, -1.108, -1.396, -1.108, -1.108, -1.108,
    -1.108, -2.089, -1.108, -1.108, -1.619, -1.396, -1.396, -1.108,
    -1.108, -0.926, -3.005, -1.108, -2.089, -1.619, -1.801, -2.089,
    -1.108, -2.089, -1.396, -1.396, -2.575, -1.955, -0.926, -1.108,
    -2.494, -2.312, 1.600, -1.955, 1.823, -1.108, 1.377, 0.684,
    1.194, -1.108, -1.108, 1.377, 1.089, 2.986, 1.089, 1.377,
    1.600, -1.108, -1.801, -1.108, -1.396, -1.396, -0.857, -1.108,
    -1.108, -1.108, -1.108, -1.396, -2.407, -2.494, -1.619, 1.303,
    -1.619, -2.494, -1.108, -1.108, -1.801, -1.108, -1.108, -0.804,
    -1.108, -1.108, -1.396, -2.089, -2.782, 1.243, -2.718, -1.108,
    -2.575, -1.108, -2.207, -1.619, -1.108, -1.396, -1.108, -1.619,
    -1.955, -1.619, -1.108, -1.108, 1.089, -2.407, 2.070, 1.089,
    -1.108, -1.619, -2.312, -1.108, 2.629, -1.396, -0.703, -1.108,
    -2.207, -1.801, 1.089, 1.089, 0.790, 0.907, 2.293, 2.698,
    1.377, -1.108, -1.108, -1.619, -1.619, -1.108, -1.108, -1.396,
    -1.108, -1.396, 2.293, -1.108, -1.396, -1.955, -1.108, 1.782,
    1.089, -1.396, -1.396, -1.396, 0.851, 1.377, -1.108, 1.600,
    -1.619, -1.108, 1.636, 1.377, 1.089, 1.089, 1.243, 2.293,
    1.089, 1.782, 1.377, 1.089, 0.971, 1.089, 1.600, -1.396,
    2.809, 1.089, 1.600, 1.600, 1.782, 1.089, 1.089, -1.108,
    1.936, -1.108, -1.108, -2.089, -1.396, -1.801, -1.396, 1.089,
    -1.108, -1.108, -2.718, -1.396, -1.619, -1.108, -1.396, -1.396,
    -1.396, -3.342, -1.619, -1.801, -1.619, -0.990, -1.108, -1.396,
    -1.619, -2.207, -1.396, -1.396, -1.108, -1.108, -1.619, 1.600,
    -1.619, -1.396, -1.396, 2.731, -1.955, -1.396, -1.108, -1.108,
    -1.396, -1.396, -1.108, -2.207, -1.396, -1.108, -0.703, -0.926,
    1.600, 1.377, 1.089, 2.188, 1.089, 1.089, 1.600, 1.089,
    1.377, -1.108, -1.108, -2.718, -1.108, -1.619, -1.108, 0.907,
    -1.108, -1.619, -1.108, -1.619, -1.396, 1.089, 1.782, 1.377,
    -1.108, -2.718, -1.801, -1.108, -1.396, -1.108, -1.396, -1.396,
    -1.619, -1.619, -1.108, -1.108, -1.108, -1.108, -3.941, -1.108,
    -1.108, -1.108, -1.108, -2.494, -1.801, 2.881, 1.782, 2.388,
    1.089, -0.857, -1.108, -1.396, -1.396, -0.703, 1.600, -1.108,
    -2.207, -1.108, 1.089, -1.619, -1.619, 1.760, -1.396, 1.089,
    1.002, 1.089, 1.782, 0.550, 0.907, 1.377, -1.108, 1.089,
    1.089, -1.514, 1.089, 1.046, 1.136, -1.396, -1.108, -1.801,
    -1.396, 0.684, -1.108, 1.089, 1.377, 1.377, -1.108, -1.619,
    1.089, 1.089, -2.843, -1.955, -1.532, -1.108, -1.619, -1.108,
    1.089, -2.494, 1.377, -2.089, -1.108, -1.619, -0.626, -1.108,
    -1.619, -1.108, -1.881, -1.396, 0.907, -1.619, 1.089, 1.089,
    -1.619, -1.955, -2.954, -1.108, -1.396, -1.108, -1.108, -1.396,
    1.089, 1.089, -0.844, -2.207, -1.108, -1.801, -1.108, -1.108,
    -1.108, -1.396, -1.801, -1.108, -1.108, -1.108, 1.089, -1.108,
    2.188, -1.619, 1.089, -1.801, -1.108, -1.108, 1.377, -1.108,
    -1.619, -1.108, -2.207, -1.108, -1.108, -2.407, -1.396, -1.108,
    1.089, 1.377, 1.089, 1.089, 1.936, 1.089, -1.396, -1.108,
    -1.108, -1.203, -2.207, -2.207, -1.108, 1.600, -0.703, 1.032,
    -2.312, -1.108, -1.396, -1.801, 1.377, -2.312, -1.396, -1.396,
    2.070, -1.396, -1.396, -2.494, -1.108, 0.550, -1.108, -1.955,
    -2.407, -1.262, -1.396, -2.089, 0.501, 1.782, -1.619, -1.108,
    -1.955, -2.089, -0.703, -1.396, -1.619, -1.396, -1.801, 2.388,
    -1.396, -1.108, -2.312, -1.108, -1.619, -1.396, -1.108, -1.396,
    -1.396, -2.575, -1.801, -1.619, -1.108, -1.108, -1.955, -3.005,
    -1.396, -1.108, 1.089, -1.396, -1.955, -1.108, 0.946, 0.855,
    -1.108, 1.243, 0.801, -0.703, -2.575, -2.649, 0.907, -1.550,
    -1.801, -1.801, 1.377, -1.801, 2.070, -0.703, -3.475, -0.703,
    -0.926, 0.684, -1.108, -3.005, -1.801, -1.801, -2.207, -0.569,
    -1.108, -0.703, -1.396, -2.575, 0.684, -1.108, -1.396, 1.089,
    -1.396, -1.108, 1.600, -2.089, -1.108, -2.649, -1.619, -1.550,
    -1.396, 1.695, -1.801, -1.108, -2.089, -1.108, -1.955, -1.514,
    -1.108, -1.801, -1.108, -1.955, -2.312, -1.108, 2.763, -1.108,
    1.089, 1.089, -1.108, 1.600, 1.600, -1.619, -2.207, -1.108,
    1.089, -1.801, -2.575, 1.243, -1.619, -2.207, 1.377, 1.243,
    -1.801, -1.108, -1.108, -1.108, 0.907, -0.703, -2.407, -0.885,
    -1.108, -1.108, -1.955, -1.108, 1.089, -1.108, 1.377, 0.907,
    -1.155, -2.089, 1.377, -1.108, -3.647, -1.108, 1.089, 0.789,
    -1.619, -1.801, -1.396, -1.396, 2.070, -1.331, -1.396, -1.955,
    1.936, -3.188, 1.089, 1.377, 1.377, -1.108, 0.907, 1.089,
    2.935, -1.396, -1.108, 1.600, -1.801, 1.936, -1.396, 1.377,
    -1.108, -1.619, -1.396, -1.108, -2.843, -1.108, 0.977, -1.619,
    0.684, -1.108, -1.108, -2.089, -1.108, -0.783, -1.108, -1.514,
    -2.312, -0.703, 1.089, -1.396, -1.108, 1.600, -1.108, -1.955,
    -1.108, -1.108, 0.779, -1.108, -1.396, -1.108, -0.885, 1.600,
    -0.520, 1.600, 1.936, 1.377, -2.312, -1.619, 1.377, 1.600,
    -1.619, -1.108, -1.108, -1.955, -1.108, -1.108, -1.108, -1.696,
    0.801, -1.619, -1.396, -2.575, -3.054, -3.268, -1.396, 1.377,
    -1.108, -1.619, -1.108, -1.108, -1.108, -1.396, -1.801, 1.089,
    2.516, -1.396, -1.955, -1.955, -1.108, -1.108, -2.900, -1.108,
    -3.377, -1.188, 1.377, 1.089, -1.801, 1.377, 1.089, 1.089,
    -1.108, -1.801, 1.089, -1.514, 1.089, 0.501, 1.600, -1.108,
    0.684, -1.396, -2.207, -2.407, -1.108, -1.108, -1.108, -1.108,
    -1.714, -0.820, 1.089, -1.108, -1.955, -1.955, 1.377, -1.108,
    -1.108, -1.619, -1.108, -1.396, -1.108, -1.396, 0.907, -1.396,
    0.789, -1.000, -1.108, -1.396, -2.089, -2.575, -1.955, -1.108,
    -1.108, -1.108, -1.108, -2.207, -1.108, 1.815, -1.108, -0.520,
    -1.801, 1.377, 2.555, 1.600, 1.089, -1.801, -1.619, -1.619,
    -1.108, -1.108, -1.108, 0.637, -1.396, -1.108, -1.108, 1.089,
    -1.396, -1.801, 0.684, -1.396, -2.312, -1.108, -0.990, -1.108,
    -1.108, -1.108, -3.145, -1.801, -2.782, -1.396, -1.108, -1.396,
    -1.801, -1.396, 1.377, 2.698, -1.108, -1.262, -1.619, -1.955,
    -1.396, 2.794, -2.843, -1.396, -1.108, -2.843, -1.396, -1.108,
    -3.228, -1.108, -1.108, -1.108, -1.108, -1.108, 0.946, -1.619,
    1.089, 0.584, -2.312, 1.377, -1.396, 1.782, 1.089, -1.955,
    -1.619, -2.407, -1.108, -1.396, 1.377, 1.089, -0.703, 3.035,
    1.782, 2.188, 2.475, 1.089, 1.377, 2.516, 1.936, 1.377,
    2.935, 1.600, -0.520, -1.108, -1.108, 1.600, 1.089, 1.600,
    2.555, -1.396, -1.108, 1.936, -2.089, -1.396, -1.955, -1.108,
    -1.108, -1.108, -1.396, -1.396, -1.619, -1.108, -2.207, -1.396,
    -1.396, -3.228, -1.801, -1.108, -1.619, -1.108, -1.396, -1.108,
    -1.955, -1.108, 3.035, 1.089, 1.089, -1.801, -1.396, -1.108,
    0.684, -1.108, -2.407, -1.619, -2.407, -0.703, 2.188, 1.377,
    -1.801, -1.619, 1.089, 1.936, 1.936, -1.396, -1.396, 2.293,
    -1.108, 1.600, -1.396, -1.955, -1.108, 1.377, 1.782, -0.979,
    -1.108, 1.089, -0.885, -2.089, -1.396, -1.801, -1.108, -2.089,
    -1.108, 1.936, 1.936, 1.377, 1.089, 1.169, -1.396, 1.089,
    -2.494, -1.396, -2.089, 1.089, -1.955, -1.801, -1.396, -1.396,
    -1.108, 1.377, -1.108, 1.600, -2.494, -1.108, -1.108, -1.801,
    -2.718, -2.407, -1.801, -2.089, -1.108, -1.108, 2.188, -1.801,
    -1.108, -1.108, -0.608, -1.801, -1.108, -1.108, -1.955, -1.108,
    -2.900, -1.108, 1.600, -1.955, -1.619, -2.312, -1.108, -1.396,
    -0.926, -1.396, -1.108, -1.108, -1.396, -1.108, 1.936, -1.955,
    -1.108, -1.108, -1.619, -1.108, -1.108, -1.108, -2.207, 2.961,
    -1.396, -2.089, 1.089, -1.108, -1.108, -1.396, -2.207, -1.108,
    -1.619, 2.388, -1.396, 1.089, -1.619, -1.108, -1.108, -1.619,
    -1.108, -1.619, -0.703, 1.089, -1.108, -1.108, -1.108, -1.108,
    -1.396, 1.089, -1.801, -0.926, -1.396, -1.396, -1.108, 1.600,
    -1.108, -1.619, -1.108, -1.955, -1.108, -1.955, -1.108, -1.108,
    -1.108, 1.377, 1.936, -1.108, -1.619, -1.801, -1.108, -1.108,
    -2.312, -1.108, -1.619, -1.801, 1.600, 1.377, 1.089, 3.456,
    1.089, -1.396, -2.575, -1.619, -1.396, -2.407, 1.600, -1.108,
    -1.108, -0.703, 1.089, 1.936, 1.089, -1.108, -1.108, -1.396,
    -1.108, -0.703, -1.619, -3.054, -1.108, -1.955, -1.108, -2.207,
    -1.396, -1.108, 1.089, -1.309, -1.108, 1.089, 1.089, -0.520,
    -1.108, -0.820, -1.619, 1.089, -1.955, -1.108, -1.396, -2.407,
    -2.207, -2.312, -1.108, 0.501, -1.619, 1.089, 1.782, 1.377,
    1.089, -2.494, -2.207, -1.396, -1.619, -2.494, -1.396, -2.089,
    1.089, -1.801, 1.089, -1.619, -1.619, -1.396, -2.407, -1.396,
    -2.089, -1.108, -1.108, 2.070, 2.070, -2.649, -1.108, 2.070,
    1.377, 1.089, -1.396, -3.565, -2.089, -1.108, -1.108, 1.089,
    -1.108, -1.108, 1.089, -2.843, -2.207, -1.801, -2.782, -1.108,
    -2.089, -1.108, -1.396, -1.108, -2.089, -2.089, -1.396, 0.907,
    1.600, 1.089, -2.312, -2.207, 1.377, -3.101, -1.955, -1.108,
    -2.575, -1.396, -2.207, -1.396, -2.207, -1.108, -1.619, 1.600,
    -1.801, -1.108, -1.619, -1.514, -1.396, -1.514, -1.396, -1.108,
    -2.954, -3.444, -2.089, -1.396, -1.396, -1.108, -2.494, 2.881,
    -1.108, 1.377, -1.955, -1.801, -2.407, -1.396, 1.936, -1.108,
    -1.396, -1.108, -1.108, -1.801, -1.955, 2.188, 1.377, -0.679,
    1.878, 2.358, -1.396, 1.089, -0.747, -1.108, -1.955, -1.108,
    -1.801, -0.703, 1.936, 2.388, 1.782, -1.619, -1.108, -2.782,
    -1.396, -1.955, -0.520, -2.089, -1.108, -1.214, -1.801, -1.108,
    -2.011, -1.108, -1.396, -1.108, -1.108, -1.108, -1.108, -1.396,
    -1.108, -1.619, -2.312, -1.108, -1.619, -1.396, -1.108, 1.782,
    -2.207, -1.396, 3.437, 2.629, 3.902, 2.293, 2.188, 2.555,
    3.168, 2.433, 3.942, 1.600, 1.782, 3.487, 0.684, 1.377,
    -1.108, 3.517, 1.936, 1.089, 1.089, -1.108, -3.838, -1.619,
    -1.801, -1.108, -1.108, -1.396, -1.108, -1.108, -1.108, -1.801,
    -2.494, -1.619, -1.108, -1.108, -3.536, -1.108, -1.396, -1.396,
    -1.619, -1.801, -1.108, -1.955, -1.619, -1.396, -1.108, -1.108,
    -3.673, -1.619, -2.494, -1.396, -1.801, -1.108, -1.955, -1.108,
    -1.108, -3.228, -1.108, -1.108, -1.619, -1.396, -2.089, -1.108,
    -2.312, -1.108, -1.396, -2.312, -2.407, -1.396, -1.108, -1.108,
    -1.801, -1.396, -1.108, -3.188, -1.108, -1.396, -1.108, -1.619,
    -1.396, -1.396, -1.108, -2.312, -2.407, -1.619, -2.575, -2.089,
    -1.108, -1.619, -1.108, -1.396, -1.108, -1.108, -1.108, -1.108,
    -2.361, -1.108, -1.262, -1.619, -1.619, -1.396, -1.955, -1.108,
    -1.955, -1.955, -1.108, -2.089, -1.108, -2.207, -1.108, -1.108,
    -1.108, 1.377, 1.089, -3.565, -1.108, -1.619, -1.396, -2.207,
    -1.619, -1.108, -1.108, -1.108, -1.108, -1.108, -1.881, -1.108,
    -1.801, -2.207, -1.801, -1.619, 1.089, 1.600, -1.476, -1.396,
    -1.108, -1.108, -0.926, -1.714, -1.108, -2.089, -1.801, -1.619,
    -1.108, 2.332, 1.089, 1.089, 1.377, 3.517, 1.600, 1.377,
    1.377, 1.782, 1.541, -1.108, -1.619, -1.619, -2.452, -3.054,
    2.862, 1.377, 1.089, 2.454, 3.286, 1.089, 1.725, 2.388,
    2.763, 1.089, 1.377, 2.475, 1.089, 2.242, 3.249, 2.698,
    1.089, 2.293, 1.782, 2.961, 1.089, 1.377, 1.089, 2.629,
    1.600, 1.089, 2.388, 1.936, 1.377, 1.089, 2.665, 3.752,
    1.377, 1.600, 2.293, -1.396, 3.323, 1.089, 1.600, 1.782,
    1.089, 1.936, 1.089, 1.377, 1.089, 2.824, 1.936, 2.475,
    3.819, 1.936, 1.089, 1.936, 2.555, -2.089, 4.051, 3.209,
    2.388, 1.377, 1.089, 0.684, -1.955, -0.703, -1.801, -1.396,
    1.089, 2.935, 1.089, 1.089, -1.801, -1.619, 3.168, 1.377,
    0.684, -1.108, -1.108, 1.377, 3.887, 1.089, 3.601, 1.600,
    1.936, 1.089, 3.979, 1.782, 1.600, 0.950, -1.955, -1.396,
    1.243, -1.396, 1.377, 2.731, 0.753, -3.901, 1.936, -2.089,
    1.782, 1.089, 0.940, 1.936, 1.600, 1.836, 1.340, 2.388,
    1.290, -1.714, 2.259, 3.902, 3.797, -1.108, 2.881, 1.600,
    1.782, 1.089, -2.449, -1.396, -1.396, -1.108, -1.108, -1.396,
    -2.361, -1.619, -1.619, -1.396, -1.108, -1.396, -4.353, -1.108,
    -1.108, 1.862, 1.135, 1.720, -2.407, 2.005, -1.162, -1.396,
    1.600, -1.108, -1.396, -1.046, -2.024, -0.616, 2.763, 0.501,
    2.070, 4.301, 3.035, 2.665, -1.108, 1.089, -0.703, 1.089,
    -1.714, 1.089, -1.108, -1.108, 1.782, 1.377, 1.377, 1.600,
    -1.188, -1.108, -2.207, -1.801, -1.262, -1.619, -4.011, -4.087,
    -3.816, -1.396, -1.108, -1.108, 1.089, -1.396, -1.108, 1.600,
    -2.089, -1.396, -2.207, -2.207, -1.108, -2.575, -1.108, -3.723,
    -1.619, -1.108, -1.108, -1.619, -1.108, -1.108, -1.108, -1.108,
    1.089, -1.396, -1.801, -1.108, -1.396, -1.396, -1.396, 2.070,
    -2.089, -1.108, 1.089, -1.108, -1.108, 0.907, -1.108, -1.108,
    -1.108, -2.649, -1.619, -1.108, -1.108, -1.108, 2.388, 2.388,
    2.490, -1.108, 2.824, 1.600, -2.494, -3.838, -2.407, -1.108,
    -2.207, -1.396, -1.619, -1.108, -2.649, -1.108, -1.396, 1.600,
    1.600, 1.730, 1.089, 2.824, -1.801, 1.089, 1.089, 1.377,
    2.516, 1.377, 1.089, -1.108, -2.954, -1.108, -1.619, -1.801,
    -1.108, -2.207, -1.619, 1.143, -1.108, -1.801, 2.824, -1.108,
    1.495, 1.600, -4.493, -4.877, -1.801, -1.108, -1.396, -1.108,
    -1.955, -1.396, -1.108, -1.881, -1.108, -2.089, 0.684, -1.619,
    -3.673, -1.108, -1.396, -1.619, -1.108, -2.089, -2.207, -1.396,
    -1.108, -1.396, -1.396, -1.619, -1.619, -1.396, 1.089, 1.089,
    1.377, -2.207, -1.108, -1.396, 1.936, 1.600, 2.763, 2.070,
    1.936, 4.195, 1.936, 1.089, 1.600, 3.081, 2.475, 1.936,
    1.194, 1.936, -2.089, -1.108, -1.108, -1.108, 1.936, 1.089,
    1.377, 0.654, -2.494, -1.108, 2.824, 1.377, 1.089, 1.089,
    -1.108, 1.243, -3.054, 1.089, -1.396, 1.600, 1.936, 1.936,
    -1.801, 1.600, 1.695, -1.801, -1.801, 1.377, 1.600, -1.108,
    1.089, 1.089, 2.824, 1.089, -1.801, -1.108, 1.089, 1.600,
    2.986, 1.600, 1.089, -1.108, 1.782, 3.358, -2.954, 1.782,
    1.089, -1.108, -1.108, -1.108, -2.494, -1.801, -1.396, -1.108,
    -1.619,
];
