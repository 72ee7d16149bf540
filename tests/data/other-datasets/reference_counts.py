"""Reference counts for tests/ChestDx.Ingest.Tests/Labels/DatasetAdapterTests.cs, computed with python3's csv module
only (no ChestDx code). Run from the repository root: python3 tests/data/other-datasets/reference_counts.py"""
import csv, gzip, zipfile, io, collections

print("== CheXpert")
rows = list(csv.DictReader(gzip.open('tests/data/other-datasets/chexpert/chexpert_train.csv.gz', 'rt')))
print('rows', len(rows))
pat = set(r['Path'].split('/')[2] for r in rows); print('patients', len(pat))
views = collections.Counter('LATERAL' if r['Frontal/Lateral']=='Lateral' else r['AP/PA'] for r in rows); print('views', sorted(views.items()))
sex = collections.Counter(r['Sex'] for r in rows); print('sex', sex)
classes = ['No Finding','Enlarged Cardiomediastinum','Cardiomegaly','Lung Opacity','Lung Lesion','Edema','Consolidation','Pneumonia','Atelectasis','Pneumothorax','Pleural Effusion','Pleural Other','Fracture','Support Devices']
raw = {c: collections.Counter(r[c] for r in rows) for c in classes}
for c in ['No Finding','Atelectasis','Edema','Cardiomegaly','Support Devices']: print('raw', c, sorted(raw[c].items()))
# derived under a policy
def derive(r, pol):
    lab = {}
    for c in classes:
        v = r[c]
        lab[c] = {'1.0':1,'0.0':0,'':None}.get(v, 'U')
        if lab[c]=='U': lab[c] = {'ignore':None,'zeros':0,'ones':1}[pol.get(c,'ignore')]
    if r['No Finding']=='1.0':
        for c in classes:
            if c!='Support Devices' and r[c]=='': lab[c]=0
    elif r['No Finding']=='':
        if any(r[c]=='1.0' for c in classes if c not in ('No Finding','Support Devices')): lab['No Finding']=0
    return lab
for name,pol in [('ignore',{}),('paper',{'Atelectasis':'ones','Edema':'ones'}),('zeros',{c:'zeros' for c in classes})]:
    cnt = {c: collections.Counter() for c in classes}
    for r in rows:
        l = derive(r,pol)
        for c in classes: cnt[c][l[c]] += 1
    for c in ['No Finding','Atelectasis','Edema','Cardiomegaly','Support Devices']:
        print(name, c, 'pos', cnt[c][1], 'neg', cnt[c][0], 'unk', cnt[c][None])
bn = sum(1 for r in rows if r['No Finding']=='1.0' for c in classes if c!='Support Devices' and r[c]=='')
nf = sum(1 for r in rows if r['No Finding']=='' and any(r[c]=='1.0' for c in classes if c not in ('No Finding','Support Devices')))
print('blank->neg by NF', bn, 'NF->neg', nf)
ages = collections.Counter(r['Age'] for r in rows); print('age0', ages.get('0'), 'max', max(int(a) for a in ages))
print('first', rows[0]['Path'], 'line2 patient')

print("== VinDr-CXR")
rows = list(csv.DictReader(gzip.open('tests/data/other-datasets/vindr-cxr/vinbigdata-train.csv.gz','rt')))
print('rows', len(rows))
img = collections.OrderedDict()
for r in rows:
    img.setdefault(r['image_id'], {}).setdefault(r['rad_id'], set())
    if r['class_name'] != 'No finding': img[r['image_id']][r['rad_id']].add(r['class_name'])
print('images', len(img), 'readers per image', collections.Counter(len(v) for v in img.values()))
names = sorted(set(r['class_name'] for r in rows) - {'No finding'})
for rule in ['any','majority']:
    out = {}
    for c in names:
        pos = 0
        for rd in img.values():
            k = sum(c in s for s in rd.values()); n = len(rd)
            pos += (k>=1) if rule=='any' else (2*k>n)
        out[c]=pos
    print(rule, out)
# Fleiss kappa via explicit rating table (categories 0/1), Fleiss 1971 eqs
for c in names:
    N=0; Pi=[]; tot=[0,0]
    for rd in img.values():
        n=len(rd)
        if n!=3: continue
        k=sum(c in s for s in rd.values()); cnts=[n-k,k]
        Pi.append(sum(x*(x-1) for x in cnts)/(n*(n-1))); tot[0]+=cnts[0]; tot[1]+=cnts[1]; N+=1
    P=sum(Pi)/N; p=[t/(N*3) for t in tot]; Pe=sum(x*x for x in p)
    print('kappa', c, round((P-Pe)/(1-Pe),6), N)
print('first image', next(iter(img)))

print("== RSNA Pneumonia")
z = zipfile.ZipFile('tests/data/other-datasets/rsna-pneumonia/stage_2_train_labels.csv.zip'); print(z.namelist())
rows = list(csv.DictReader(io.TextIOWrapper(z.open(z.namelist()[0]))))
print('rows', len(rows))
t = collections.OrderedDict()
for r in rows: t.setdefault(r['patientId'], set()).add(r['Target'])
print('images', len(t), 'inconsistent', sum(len(v)>1 for v in t.values()), 'pos', sum('1' in v for v in t.values()), 'boxes', sum(r['Target']=='1' for r in rows))
h = list(csv.DictReader(gzip.open('tests/data/other-datasets/rsna-pneumonia/stage_2_train_images_dicom_headers.csv.gz','rt')))
print('headers', len(h), collections.Counter(r['ViewPosition'] for r in h), collections.Counter(r['PatientSex'] for r in h))
print('age>120', sum(int(r['PatientAge'])>120 for r in h), 'missing headers', len(set(t)-set(r['PatientID'] for r in h)))
