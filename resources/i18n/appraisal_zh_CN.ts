<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>DeclaredTable</name>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="39" />
        <source>Declared by merchant</source>
        <translation>商家申报</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="39" />
        <source>Found</source>
        <translation>实测</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="40" />
        <source>Metal</source>
        <translation>金属</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="40" />
        <source>Stone</source>
        <translation>宝石</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="40" />
        <source>Total mass (g)</source>
        <translation>总质量 (g)</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="41" />
        <source>Main stone (ct)</source>
        <translation>主石 (ct)</translation>
    </message>
</context>
<context>
    <name>GravityPanel</name>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="45" />
        <source>(not compared)</source>
        <translation>（不比对）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="48" />
        <source>Compute SG</source>
        <translation>计算比重</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="55" />
        <source>A: mass in air</source>
        <translation>A：空气中质量</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="56" />
        <source>B: mass in water</source>
        <translation>B：水中质量</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="57" />
        <source>Water temperature</source>
        <translation>水温</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="58" />
        <source>Compare with</source>
        <translation>比对材料</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="72" />
        <source>manual, %1</source>
        <translation>手工录入，%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/sg.py" line="82" />
        <source>Weigh the piece in air and in water first.</source>
        <translation>请先在空气中和水中各称量一次。</translation>
    </message>
</context>
<context>
    <name>JewelryAppraisalScreen</name>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="69" />
        <source>Jewelry appraisal</source>
        <translation>珠宝鉴定</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="73" />
        <source>Scan or type the item tag</source>
        <translation>扫描或输入物品标签</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="75" />
        <source>No item open. Scan a tag to start.</source>
        <translation>尚未打开物品，请扫描标签开始。</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="87" />
        <source>Pass → send to review</source>
        <translation>合格 → 提交复核</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="90" />
        <source>Fail → reject…</source>
        <translation>不合格 → 拒收…</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="99" />
        <source>Weighing</source>
        <translation>称重</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="100" />
        <source>Specific gravity</source>
        <translation>比重（静水称重）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="102" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="103" />
        <source>Other measurements</source>
        <translation>其他测量</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="108" />
        <source>Grading</source>
        <translation>分级</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="182" />
        <source>Revision %1 by %2: %3</source>
        <translation>第 %1 版，%2：%3</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="215" />
        <source>Revision %1 passed and sent to review: %2</source>
        <translation>第 %1 版合格，已提交复核：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/screen.py" line="240" />
        <source>Failed and rejected.</source>
        <translation>已判不合格并拒收。</translation>
    </message>
</context>
<context>
    <name>JewelryForm</name>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="68" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="86" />
        <source>e.g. 0.30</source>
        <translation>例如 0.30</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="103" />
        <source>Piece</source>
        <translation>款式</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="104" />
        <source>Metal (GB 11887)</source>
        <translation>贵金属（GB 11887）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="105" />
        <source>Main stone (GB/T 16552)</source>
        <translation>主石（GB/T 16552）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="106" />
        <source>Origin</source>
        <translation>成因</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="107" />
        <source>Imitates</source>
        <translation>所仿宝石</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="108" />
        <source>Treatments</source>
        <translation>优化处理</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="109" />
        <source>Stone mass (ct)</source>
        <translation>主石质量 (ct)</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="110" />
        <source>Count</source>
        <translation>粒数</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="111" />
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="113" />
        <source>Diamond grades (GB/T 16554)</source>
        <translation>钻石分级（GB/T 16554）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="115" />
        <location filename="../../app/ui/appraisal/form.py" line="121" />
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="116" />
        <location filename="../../app/ui/appraisal/form.py" line="124" />
        <source>Clarity</source>
        <translation>净度</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="117" />
        <source>Cut</source>
        <translation>切工</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="118" />
        <source>Fluorescence</source>
        <translation>荧光</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="119" />
        <source>Jadeite grades (GB/T 23885)</source>
        <translation>翡翠分级（GB/T 23885）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="122" />
        <source>Transparency</source>
        <translation>透明度</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/form.py" line="123" />
        <source>Texture</source>
        <translation>结构（种）</translation>
    </message>
</context>
<context>
    <name>MeasuresPanel</name>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="40" />
        <source>Magnification</source>
        <translation>放大检查</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="40" />
        <source>Fluorescence</source>
        <translation>荧光</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="41" />
        <source>Polariscope</source>
        <translation>偏光镜</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="41" />
        <source>Spectroscope</source>
        <translation>分光镜</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="42" />
        <source>Inclusions</source>
        <translation>内含物</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="42" />
        <source>Hallmark text</source>
        <translation>印记内容</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="43" />
        <source>Condition</source>
        <translation>外观状况</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="43" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="52" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="62" />
        <source>Dimensions (mm)</source>
        <translation>尺寸 (mm)</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="63" />
        <source>Refractive index</source>
        <translation>折射率</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="64" />
        <source>Observation</source>
        <translation>观察</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/measures.py" line="98" />
        <source>Saved (%1)</source>
        <translation>已保存（%1）</translation>
    </message>
</context>
<context>
    <name>PhotoPanel</name>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="32" />
        <source>No camera preview</source>
        <translation>无相机画面</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="51" />
        <location filename="../../app/ui/appraisal/photos.py" line="96" />
        <source>Take %1</source>
        <translation>拍摄%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="92" />
        <source>Retake %1</source>
        <translation>重拍%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="94" />
        <source> (required)</source>
        <translation>（必拍）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="103" />
        <source>Taking the photo…</source>
        <translation>正在拍照…</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/photos.py" line="115" />
        <source>Photo saved, SHA-256 %1</source>
        <translation>照片已保存，SHA-256 %1</translation>
    </message>
</context>
<context>
    <name>RejectDialog</name>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="84" />
        <source>Fail and reject</source>
        <translation>不合格并拒收</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="93" />
        <source>The item will be rejected and returned to the merchant.</source>
        <translation>该物品将被拒收并退回商家。</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="94" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/verdict.py" line="95" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>WeighPanel</name>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="52" />
        <location filename="../../app/ui/appraisal/weigh.py" line="139" />
        <source>NO READING</source>
        <translation>无读数</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="56" />
        <source>Balance: not connected</source>
        <translation>天平：未连接</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="59" />
        <source>Mass in air</source>
        <translation>空气中质量</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="60" />
        <source>Mass in water (SG)</source>
        <translation>水中质量（比重）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="61" />
        <source>Capture automatically when stable</source>
        <translation>稳定后自动采集</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="62" />
        <source>Capture stable value (F2)</source>
        <translation>采集稳定值 (F2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="65" />
        <source>Zero</source>
        <translation>置零</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="65" />
        <source>Tare</source>
        <translation>去皮</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="66" />
        <source>Type a value…</source>
        <translation>手工录入…</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="70" />
        <source>Manual entry needs the manual-entry permission</source>
        <translation>手工录入需要“允许手工录入”权限</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="106" />
        <source>No balance at this station; manual entry only</source>
        <translation>本工位没有天平，只能手工录入</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="129" />
        <source>Balance: %1 %2</source>
        <translation>天平：%1 %2</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="141" />
        <source>● STABLE</source>
        <translation>● 稳定</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="143" />
        <source>○ UNSTABLE</source>
        <translation>○ 不稳定</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="154" />
        <location filename="../../app/ui/appraisal/weigh.py" line="166" />
        <source>Scan an item first.</source>
        <translation>请先扫描物品。</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="157" />
        <source>No reading from the balance yet.</source>
        <translation>天平尚无读数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="160" />
        <source>The reading is not stable yet; wait for the STABLE sign.</source>
        <translation>读数尚未稳定，请等“稳定”标志出现。</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="168" />
        <source>Manual entry</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="169" />
        <source>Mass in grams (recorded as MANUAL, with your name):</source>
        <translation>质量（克），将标记为手工录入并记录您的姓名：</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="186" />
        <source>Manual</source>
        <translation>手工</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="186" />
        <source>Balance</source>
        <translation>天平</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="187" />
        <source>Recorded %1 g (%2)</source>
        <translation>已记录 %1 g（%2）</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="198" />
        <source>Balance zeroed</source>
        <translation>天平已置零</translation>
    </message>
    <message>
        <location filename="../../app/ui/appraisal/weigh.py" line="198" />
        <source>Balance tared</source>
        <translation>天平已去皮</translation>
    </message>
</context>
</TS>